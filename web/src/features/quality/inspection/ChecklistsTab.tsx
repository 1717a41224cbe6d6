import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Input, InputNumber, message, Select, Space, Table, Tag } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { may, useSession } from "../../../api/session";
import { ErrorState } from "../../../shell/Forbidden";
import { type Checklist, type ChecklistItem, useChecklists, useSaveChecklist } from "./api";

const EVIDENCE = ["photo", "note", "seconds"] as const;

// The checklists and every version; the operator's administrator edits one (saved as a new version).
export function ChecklistsTab() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const editable = may(principal, "quality.checklistAdmin");
  const all = useChecklists("all");
  const save = useSaveChecklist();
  const [shownId, setShownId] = useState<string>();
  // On screen: a version to read, the newest to edit (saved as the next version), or a new checklist.
  const [draft, setDraft] = useState<{
    baseId: string | null;
    locked: boolean;
    name: string;
    kind: Checklist["kind"];
    items: ChecklistItem[];
  } | null>(null);
  const versions = all.data ?? [];
  const current = versions.filter((c) => c.current);
  const shown = versions.find((c) => c.id === shownId) ?? current[0];
  const family = useMemo(() => versions.filter((c) => c.familyId === shown?.familyId), [versions, shown]);
  useEffect(() => {
    if (shown)
      setDraft({
        baseId: shown.id,
        locked: !editable || !shown.current,
        name: shown.name,
        kind: shown.kind,
        items: shown.items,
      });
  }, [shown, editable]);
  if (all.error) return <ErrorState error={all.error} />;
  const setItem = (i: number, change: Partial<ChecklistItem>) =>
    setDraft((d) => d && { ...d, items: d.items.map((it, j) => (j === i ? { ...it, ...change } : it)) });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          aria-label={t("inspection.checklist")}
          style={{ minWidth: 240 }}
          value={shown?.familyId}
          onChange={(f) => setShownId(current.find((c) => c.familyId === f)?.id)}
          options={current.map((c) => ({ value: c.familyId, label: c.name }))}
        />
        <Select
          aria-label={t("inspection.editor.versions")}
          style={{ minWidth: 160 }}
          value={shown?.id}
          onChange={setShownId}
          options={family.map((c) => ({
            value: c.id,
            label: `${t("inspection.editor.version", { v: c.version })}${c.current ? ` · ${t("inspection.editor.current")}` : ""}`,
          }))}
        />
        {editable && (
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setDraft({
                baseId: null,
                locked: false,
                name: t("inspection.editor.newName"),
                kind: "open",
                items: [{ code: "item1", label: "", weight: 1 }],
              })
            }
          >
            {t("inspection.editor.create")}
          </Button>
        )}
      </Space>
      <Alert
        type="info"
        showIcon
        message={editable ? t("inspection.editor.hint") : t("inspection.editor.readOnly")}
      />
      {draft && (
        <>
          <Space wrap>
            <Input
              aria-label={t("inspection.editor.name")}
              addonBefore={t("inspection.editor.name")}
              value={draft.name}
              disabled={draft.locked}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            <Select
              aria-label={t("inspection.kindLabel")}
              value={draft.kind}
              disabled={draft.locked}
              onChange={(kind) => setDraft({ ...draft, kind })}
              options={(["mystery", "open"] as const).map((k) => ({
                value: k,
                label: t(`inspection.kind.${k}`),
              }))}
            />
            {shown && !shown.current && <Tag>{t("inspection.editor.version", { v: shown.version })}</Tag>}
          </Space>
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={draft.items}
            columns={[
              {
                title: t("inspection.editor.code"),
                width: 110,
                render: (_, it, i) => (
                  <Input
                    aria-label={`${t("inspection.editor.code")} ${i + 1}`}
                    value={it.code}
                    disabled={draft.locked}
                    onChange={(e) => setItem(i, { code: e.target.value })}
                  />
                ),
              },
              {
                title: t("inspection.editor.label"),
                render: (_, it, i) => (
                  <Input
                    aria-label={`${t("inspection.editor.label")} ${i + 1}`}
                    value={it.label}
                    disabled={draft.locked}
                    onChange={(e) => setItem(i, { label: e.target.value })}
                  />
                ),
              },
              {
                title: t("inspection.editor.weight"),
                width: 100,
                render: (_, it, i) => (
                  <InputNumber
                    aria-label={`${t("inspection.editor.weight")} ${it.code}`}
                    min={0}
                    max={100}
                    step={0.5}
                    value={it.weight}
                    disabled={draft.locked}
                    onChange={(v) => setItem(i, { weight: v ?? 0 })}
                  />
                ),
              },
              {
                title: t("inspection.editor.evidence"),
                width: 120,
                render: (_, it, i) => (
                  <Select<(typeof EVIDENCE)[number] | "">
                    style={{ width: "100%" }}
                    value={it.evidence ?? ""}
                    disabled={draft.locked}
                    onChange={(v) => setItem(i, { evidence: v === "" ? undefined : v })}
                    options={[
                      { value: "", label: t("inspection.editor.evidenceNone") },
                      ...EVIDENCE.map((e) => ({ value: e, label: t(`inspection.editor.evidenceKind.${e}`) })),
                    ]}
                  />
                ),
              },
              ...(draft.locked
                ? []
                : [
                    {
                      key: "remove",
                      width: 48,
                      render: (_: unknown, __: ChecklistItem, i: number) => (
                        <Button
                          aria-label={t("inspection.editor.remove")}
                          icon={<DeleteOutlined />}
                          size="small"
                          onClick={() => setDraft({ ...draft, items: draft.items.filter((_, j) => j !== i) })}
                        />
                      ),
                    },
                  ]),
            ]}
          />
          {!draft.locked && (
            <Space>
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  setDraft({
                    ...draft,
                    items: [...draft.items, { code: `item${draft.items.length + 1}`, label: "", weight: 1 }],
                  })
                }
              >
                {t("inspection.editor.addItem")}
              </Button>
              <Button
                type="primary"
                loading={save.isPending}
                onClick={async () => {
                  const saved = await save.mutateAsync({
                    baseId: draft.baseId,
                    body: { name: draft.name, kind: draft.kind, items: draft.items },
                  });
                  message.success(t("inspection.editor.saved", { v: saved.version }));
                  setShownId(saved.id);
                }}
              >
                {t("inspection.editor.save")}
              </Button>
            </Space>
          )}
          {save.error && <ErrorState error={save.error} />}
        </>
      )}
    </Space>
  );
}
