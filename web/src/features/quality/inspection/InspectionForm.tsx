import { CameraOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Drawer,
  Input,
  InputNumber,
  message,
  Radio,
  Select,
  Space,
  Upload,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { type Checklist, type InspectionBody, uploadPhoto, useChecklists, useRecordInspection } from "./api";

type Entry = { score: number | null; seconds?: number; note?: string; photoIds: string[] };
export type FormTarget = {
  hallId?: string;
  hallName?: string;
  checklistFamilyId?: string;
  kind: "mystery" | "open";
  assignmentId?: string;
};

/** One item on a phone: quick score buttons and a number, and what its evidence asks (seconds, note, photo). */
function ItemCard({
  item,
  entry,
  hallId,
  onChange,
}: {
  item: Checklist["items"][number];
  entry: Entry;
  hallId: string;
  onChange: (e: Entry) => void;
}) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const skipped = entry.score === null;
  return (
    <Card size="small" title={item.label} extra={t("inspection.form.weight", { w: item.weight })}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Space wrap>
          <Radio.Group
            disabled={skipped}
            value={entry.score}
            onChange={(e) => onChange({ ...entry, score: e.target.value })}
            optionType="button"
            options={[100, 80, 60, 0].map((v) => ({ value: v, label: String(v) }))}
          />
          <InputNumber
            aria-label={`${item.code} ${t("inspection.score")}`}
            min={0}
            max={100}
            disabled={skipped}
            value={entry.score}
            onChange={(v) => onChange({ ...entry, score: v ?? 0 })}
          />
          <Checkbox
            checked={skipped}
            onChange={(e) => onChange({ ...entry, score: e.target.checked ? null : 100 })}
          >
            {t("inspection.form.skip")}
          </Checkbox>
        </Space>
        {item.evidence === "seconds" && (
          <InputNumber
            aria-label={`${item.code} ${t("inspection.form.seconds")}`}
            addonBefore={t("inspection.form.seconds")}
            min={0}
            max={86400}
            value={entry.seconds}
            onChange={(v) => onChange({ ...entry, seconds: v ?? undefined })}
          />
        )}
        {(item.evidence === "note" || item.evidence === "photo" || (entry.score ?? 100) < 100) && (
          <Input
            aria-label={`${item.code} ${t("inspection.form.note")}`}
            placeholder={t("inspection.form.note")}
            value={entry.note}
            maxLength={1000}
            onChange={(e) => onChange({ ...entry, note: e.target.value })}
          />
        )}
        {item.evidence === "photo" && (
          <Space>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              showUploadList={false}
              customRequest={async ({ file }) => {
                setUploading(true);
                try {
                  const photo = await uploadPhoto(hallId, file as File);
                  onChange({ ...entry, photoIds: [...entry.photoIds, photo.id] });
                } catch (e) {
                  message.error(t("inspection.form.uploadFailed", { message: (e as Error).message }));
                } finally {
                  setUploading(false);
                }
              }}
            >
              <Button icon={<CameraOutlined />} loading={uploading}>
                {t("inspection.form.photo")}
              </Button>
            </Upload>
            {entry.photoIds.length > 0 && (
              <span>{t("inspection.form.photos", { n: entry.photoIds.length })}</span>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}

// R-MYSTERY on a phone: every item of the checklist's newest version, scored 0–100; the server scores it.
export function InspectionForm({
  target,
  halls,
  onClose,
}: {
  target: FormTarget | null;
  halls: { id: string; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lists = useChecklists();
  const record = useRecordInspection();
  const [hallId, setHallId] = useState<string>();
  const [familyId, setFamilyId] = useState<string>();
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [notes, setNotes] = useState("");
  const list = lists.data?.find((c) => c.familyId === familyId);
  useEffect(() => {
    setHallId(target?.hallId);
    setFamilyId(target?.checklistFamilyId);
    setNotes("");
    record.reset();
  }, [target, record.reset]);
  useEffect(() => {
    setEntries(Object.fromEntries((list?.items ?? []).map((i) => [i.code, { score: 100, photoIds: [] }])));
  }, [list]);

  const submit = async () => {
    if (!target || !list || !hallId) return;
    const body: InspectionBody = {
      hallId,
      checklistId: list.id,
      kind: target.kind,
      at: new Date().toISOString(),
      ...(target.assignmentId ? { assignmentId: target.assignmentId } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      scores: list.items.flatMap((i) => {
        const e = entries[i.code];
        if (!e || e.score === null) return [];
        return [
          {
            item: i.code,
            score: e.score,
            ...(e.seconds !== undefined ? { seconds: e.seconds } : {}),
            ...(e.note?.trim() ? { note: e.note.trim() } : {}),
            ...(e.photoIds.length ? { photoIds: e.photoIds } : {}),
          },
        ];
      }),
    };
    const saved = await record.mutateAsync(body);
    message.success(t("inspection.form.saved", { score: saved.score }));
    onClose();
  };
  const hallName = target?.hallName ?? halls.find((h) => h.id === hallId)?.name ?? "";
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width="min(680px, 100vw)"
      title={
        list
          ? t("inspection.form.title", { hall: hallName, checklist: list.name })
          : t("inspection.newInspection")
      }
      footer={
        <Button
          type="primary"
          block
          size="large"
          disabled={!list || !hallId}
          loading={record.isPending}
          onClick={submit}
        >
          {t("inspection.form.submit")}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        {!target?.hallId && (
          <Select
            aria-label={t("inspection.form.pickHall")}
            placeholder={t("inspection.form.pickHall")}
            style={{ width: "100%" }}
            value={hallId}
            onChange={setHallId}
            options={halls.map((h) => ({ value: h.id, label: h.name }))}
          />
        )}
        {!target?.checklistFamilyId && (
          <Select
            aria-label={t("inspection.form.pickChecklist")}
            placeholder={t("inspection.form.pickChecklist")}
            style={{ width: "100%" }}
            value={familyId}
            onChange={setFamilyId}
            options={(lists.data ?? []).map((c) => ({ value: c.familyId, label: c.name }))}
          />
        )}
        {record.error && (
          <Alert
            type="error"
            showIcon
            message={record.error instanceof ApiError ? record.error.message : String(record.error)}
          />
        )}
        {hallId &&
          list?.items.map((item) => (
            <ItemCard
              key={item.code}
              item={item}
              hallId={hallId}
              entry={entries[item.code] ?? { score: 100, photoIds: [] }}
              onChange={(e) => setEntries((all) => ({ ...all, [item.code]: e }))}
            />
          ))}
        {list && (
          <Input.TextArea
            aria-label={t("inspection.form.notes")}
            placeholder={t("inspection.form.notes")}
            rows={3}
            maxLength={4000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        )}
      </Space>
    </Drawer>
  );
}
