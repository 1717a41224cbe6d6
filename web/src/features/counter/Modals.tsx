import { Form, Modal, Radio, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Counter, Outcome, Ticket } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { useLocalNames } from "../../shell/names";

const outcomes: Outcome[] = ["completed", "partially_completed", "not_completed", "referred"];

export function FinishModal({
  open,
  busy,
  onCancel,
  onOk,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onOk: (o: Outcome) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>("completed");
  return (
    <Modal
      open={open}
      title={t("counter.outcomeTitle")}
      okText={t("counter.outcomeConfirm")}
      cancelText={t("action.cancel")}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onOk(outcome)}
      destroyOnHidden
    >
      <Radio.Group
        aria-label={t("counter.outcomeTitle")}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        options={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        optionType="button"
        buttonStyle="solid"
        size="large"
      />
    </Modal>
  );
}

type TransferProps = {
  open: boolean;
  busy: boolean;
  ticket: Ticket | null;
  counters: Counter[];
  types: string[];
  onCancel: () => void;
  onOk: (to: { businessType?: string; counterId?: string }) => void;
};

/** 转移: to another business type (keeps the place in line) or to a named counter. */
export function TransferModal({ open, busy, ticket, counters, types, onCancel, onOk }: TransferProps) {
  const { t } = useTranslation();
  const { counterLabel } = useLocalNames();
  const typeName = useTypeName();
  const [mode, setMode] = useState<"type" | "counter">("type");
  const [businessType, setBusinessType] = useState<string>();
  const [counterId, setCounterId] = useState<string>();
  const eligible = counters.filter(
    (c) =>
      c.active &&
      c.id !== ticket?.counterId &&
      (!ticket || c.businessTypes.includes(businessType ?? ticket.businessType)),
  );
  return (
    <Modal
      open={open}
      title={t("counter.transferTitle")}
      okText={t("action.confirm")}
      cancelText={t("action.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: mode === "type" ? !businessType : !counterId }}
      onCancel={onCancel}
      onOk={() =>
        onOk(mode === "type" ? { businessType } : { counterId, ...(businessType ? { businessType } : {}) })
      }
      destroyOnHidden
    >
      <Radio.Group
        value={mode}
        onChange={(e) => setMode(e.target.value)}
        options={[
          { value: "type", label: t("counter.transferToType") },
          { value: "counter", label: t("counter.transferToCounter") },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Form layout="vertical">
        {mode === "type" ? (
          <Form.Item label={t("counter.transferType")}>
            <Select
              aria-label={t("counter.transferType")}
              value={businessType}
              onChange={setBusinessType}
              options={types
                .filter((c) => c !== ticket?.businessType)
                .map((c) => ({ value: c, label: typeName(c) }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t("counter.transferCounter")}>
            <Select
              aria-label={t("counter.transferCounter")}
              value={counterId}
              onChange={setCounterId}
              options={eligible.map((c) => ({
                value: c.id,
                label: `${counterLabel(c)} · ${t(`counterStatus.${c.status}`)}`,
                // The server refuses a closed counter (counter_closed): no one there would call the customer.
                disabled: c.status !== "open",
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
