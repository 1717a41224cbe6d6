import { UndoOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Ticket } from "../../api/types";
import { useNow } from "../../shell/useNow";

export type Undoable = { ticket: Ticket; until: number };

/** 过号撤销: for the minute the server allows, the counter can take the no-show back as it was. */
export function NoShowUndo({
  undoable,
  busy,
  onUndo,
  onExpire,
}: {
  undoable: Undoable;
  busy: boolean;
  onUndo: () => void;
  onExpire: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const left = Math.max(0, Math.ceil((undoable.until - now) / 1000));
  useEffect(() => {
    if (left === 0) onExpire();
  }, [left, onExpire]);
  return (
    <Alert
      type="info"
      showIcon
      title={t("counter.noShowDone", { number: undoable.ticket.number })}
      description={t("counter.undoHint", { n: left })}
      action={
        <Button icon={<UndoOutlined aria-hidden />} loading={busy} onClick={onUndo}>
          {t("counter.undo")}
        </Button>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
