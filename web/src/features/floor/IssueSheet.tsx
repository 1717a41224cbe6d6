import { LoadingOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Drawer, Form, Input, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import type { BusinessType, Hall } from "../../api/types";
import { iconFor, typeName } from "../../shell/catalog";
import { validMobile } from "../kiosk/phone";

type Props = {
  hall: Hall;
  types: BusinessType[];
  visitId: string | null;
  open: boolean;
  onClose: () => void;
};

/** Issue a ticket for a customer on the floor (channel "staff"), tied to the visit when there is one. */
export function IssueSheet({ hall, types, visitId, open, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [type, setType] = useState<string | null>(null);
  const [phone, setPhone] = useState("");
  const [vip, setVip] = useState(false);
  // One key per customer served: a double tap or a retry issues one ticket.
  const intent = useIdempotencyKey();
  const issue = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/halls/{hallId}/tickets", {
          params: { path: { hallId: hall.id } },
          body: {
            businessType: type!,
            channel: "staff",
            ...(vip ? { vip } : {}),
            ...(phone ? { phone } : {}),
            ...(visitId ? { visitId } : {}),
          },
          ...intent.send(),
        }),
      ),
    onSuccess: (tk) => {
      intent.renew();
      void message.success(t("floor.issued", { number: tk.number, ahead: tk.ahead ?? 0 }));
      setType(null);
      setPhone("");
      setVip(false);
      void qc.invalidateQueries({ queryKey: ["hall", hall.id] });
      onClose();
    },
    onError: (e) => {
      const nearest =
        e instanceof ApiError
          ? (e.details as { nearestHall?: { name: string; address: string } } | undefined)?.nearestHall
          : undefined;
      if (nearest) modal.warning({ title: e.message, content: `${nearest.name} · ${nearest.address}` });
      else void message.error(e instanceof ApiError ? e.message : String(e));
    },
  });
  const phoneOk = phone === "" || validMobile(phone);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="bottom"
      size="85%"
      title={t("floor.issueTitle")}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t("floor.issueType")}>
          <div
            role="radiogroup"
            aria-label={t("floor.issueType")}
            style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}
          >
            {types
              .filter((b) => b.active)
              .map((b) => {
                const off = b.forbiddenHallTypes.includes(hall.type);
                return (
                  <Button
                    key={b.code}
                    role="radio"
                    aria-checked={type === b.code}
                    type={type === b.code ? "primary" : "default"}
                    icon={iconFor(b)}
                    disabled={off}
                    onClick={() => setType(b.code)}
                    style={{ height: 48 }}
                  >
                    {typeName(b, i18n.language)}
                  </Button>
                );
              })}
          </div>
        </Form.Item>
        <Form.Item
          label={t("floor.issuePhone")}
          htmlFor="issue-phone"
          validateStatus={phoneOk ? undefined : "error"}
          help={phoneOk ? undefined : t("floor.phoneInvalid")}
        >
          <Input
            id="issue-phone"
            inputMode="numeric"
            maxLength={11}
            value={phone}
            onChange={(e) => setPhone(e.target.value.replace(/\D/g, ""))}
            size="large"
          />
        </Form.Item>
        <Form.Item label={t("floor.issueVip")} htmlFor="issue-vip">
          <Switch id="issue-vip" checked={vip} onChange={setVip} />
        </Form.Item>
        <Button
          type="primary"
          size="large"
          block
          // Disabled while sending, not antd's `loading`, whose delayed state was seen to stick.
          disabled={!type || !phoneOk || issue.isPending}
          icon={issue.isPending ? <LoadingOutlined /> : undefined}
          onClick={() => intent.inFlight() || issue.mutate()}
        >
          {t("floor.issueSubmit")}
        </Button>
      </Form>
    </Drawer>
  );
}
