import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Modal, Space, Tag } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import type { QueueView } from "../../api/types";
import { actionText } from "../../shell/format";

/**
 * R-PEAK on the floor's phone: the level and what it asks, forced diversion from level 2, a notice when
 * the level rises, and what was done recorded to the peak's episode (the manager's report reads it).
 */
export function PeakAlert({ hallId, queue }: { hallId: string; queue: QueueView }) {
  const { t, i18n } = useTranslation();
  const { message, notification } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const level = queue.peakLevel;
  const before = useRef(level);
  useEffect(() => {
    if (level > before.current)
      notification.warning({
        message: `${t("floor.peak")} · ${t(`peak.level${level}`)}`,
        description: queue.peakActions.map((a) => actionText(a.action, i18n.language)).join("；"),
      });
    before.current = level;
  }, [level, queue.peakActions, notification, t, i18n.language]);
  // A double tap records what was done once.
  const intent = useIdempotencyKey();
  const record = useMutation({
    mutationFn: async (what: string) =>
      unwrap(
        await api.POST("/api/halls/{hallId}/peak/actions", {
          params: { path: { hallId } },
          body: { text: what },
          ...intent.send(),
        }),
      ),
    onSuccess: () => {
      intent.renew();
      void message.success(t("floor.peakRecorded"));
      setOpen(false);
      setText("");
      void qc.invalidateQueries({ queryKey: ["hall", hallId, "peak-episodes"] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  if (level === 0) return null;
  const suggestions = queue.peakActions.map((a) => actionText(a.action, i18n.language));
  return (
    <>
      <Alert
        type={level >= 2 ? "error" : "warning"}
        showIcon
        title={
          <Space wrap size={4}>
            {`${t("floor.peak")} · ${t(`peak.level${level}`)}`}
            {queue.diversion === "forced" && <Tag color="red">{t("floor.forcedDiversion")}</Tag>}
          </Space>
        }
        description={
          <>
            {suggestions.join("；")}
            {queue.openMoreCounters ? <div>{t("floor.openMore", { n: queue.openMoreCounters })}</div> : null}
          </>
        }
        action={
          <Button size="small" onClick={() => setOpen(true)}>
            {t("floor.peakRecord")}
          </Button>
        }
        style={{ marginBottom: 12 }}
      />
      <Modal
        open={open}
        title={t("floor.peakRecord")}
        okText={t("floor.peakRecordOk")}
        okButtonProps={{ disabled: !text.trim(), loading: record.isPending }}
        onOk={() => !intent.inFlight() && record.mutate(text.trim())}
        onCancel={() => setOpen(false)}
      >
        <Space wrap style={{ marginBottom: 8 }}>
          {suggestions.map((s) => (
            <Tag.CheckableTag key={s} checked={text === s} onChange={() => setText(s)}>
              {s}
            </Tag.CheckableTag>
          ))}
        </Space>
        <Input.TextArea
          aria-label={t("floor.peakRecord")}
          value={text}
          maxLength={200}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("floor.peakRecordHint")}
        />
      </Modal>
    </>
  );
}
