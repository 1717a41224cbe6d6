import {
  EyeOutlined,
  PhoneOutlined,
  PlayCircleOutlined,
  SoundOutlined,
  SwapOutlined,
  UserDeleteOutlined,
} from "@ant-design/icons";
import { Button, Card, Descriptions, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { TicketAction } from "../../api/ticketActions";
import type { Ticket } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { duration, secondsSince } from "../../shell/format";
import { useNow } from "../../shell/useNow";
import { useReason } from "../../shell/useReason";
import { ServiceClock } from "./ServiceClock";

type Props = {
  ticket: Ticket;
  handlingLimit: number;
  canUnmask: boolean;
  busy: boolean;
  onAction: (a: TicketAction) => void;
  onFinish: () => void;
  onTransfer: () => void;
};

/** The customer at the counter: who, since when, against which limit, and what can be done next. */
export function CurrentTicket({
  ticket,
  handlingLimit,
  canUnmask,
  busy,
  onAction,
  onFinish,
  onTransfer,
}: Props) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const now = useNow(1000);
  const [phone, setPhone] = useState<string | null>(null);
  const serving = ticket.status === "serving";
  const may = (a: string) => ticket.allowedActions?.includes(a) ?? false;
  const elapsed = secondsSince(serving ? ticket.startedAt : ticket.calledAt, now);
  const askReason = useReason();
  const unmask = async () => {
    const reason = await askReason();
    if (!reason) return;
    setPhone(
      unwrap(
        await api.GET("/api/tickets/{id}/phone", { params: { path: { id: ticket.id }, query: { reason } } }),
      ).phone,
    );
  };

  return (
    <Card
      title={t("counter.current")}
      extra={<Tag color={serving ? "green" : "blue"}>{t(`status.${ticket.status}`)}</Tag>}
    >
      <div
        style={{
          display: "grid",
          gridTemplateColumns: "minmax(220px, 1fr) 1.4fr",
          gap: 24,
          alignItems: "center",
        }}
      >
        <div>
          <div
            className="tw-tabular"
            data-testid="current-number"
            style={{ fontSize: 72, fontWeight: 800, color: "#0b62d6", lineHeight: 1 }}
          >
            {ticket.number}
          </div>
          <div style={{ fontSize: 20, fontWeight: 600, marginTop: 8 }}>
            {typeName(ticket.businessType)} {ticket.vip && <Tag color="gold">{t("counter.vip")}</Tag>}
            {ticket.calledOutOfOrder && <Tag>{t("counter.calledOut")}</Tag>}
          </div>
        </div>
        <ServiceClock
          label={serving ? t("counter.handling") : t("counter.sinceCall")}
          elapsed={elapsed}
          limit={handlingLimit}
        />
      </div>
      <Descriptions
        size="small"
        column={2}
        style={{ marginTop: 16 }}
        items={[
          { key: "waited", label: t("counter.waited"), children: duration(ticket.waitSeconds, t) },
          {
            key: "phone",
            label: t("counter.phone"),
            children: (
              <Space>
                <PhoneOutlined aria-hidden />
                <span className="tw-tabular">{phone ?? ticket.phone ?? t("counter.noPhone")}</span>
                {canUnmask && ticket.phone?.includes("*") && !phone && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EyeOutlined aria-hidden />}
                    onClick={() => void unmask()}
                  >
                    {t("counter.unmask")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {/* Only the steps the server says this ticket allows now (allowedActions). */}
      <Space wrap size="middle" style={{ marginTop: 16 }}>
        {may("start") && (
          <Button
            type="primary"
            size="large"
            icon={<PlayCircleOutlined aria-hidden />}
            disabled={busy}
            onClick={() => onAction({ action: "start" })}
          >
            {t("counter.start")}
          </Button>
        )}
        {may("recall") && (
          <Button
            size="large"
            icon={<SoundOutlined aria-hidden />}
            disabled={busy}
            onClick={() => onAction({ action: "recall" })}
          >
            {t("counter.recall")}
          </Button>
        )}
        {may("no-show") && (
          <Button
            size="large"
            danger
            icon={<UserDeleteOutlined aria-hidden />}
            disabled={busy}
            onClick={() => onAction({ action: "no-show" })}
          >
            {t("counter.noShow")}
          </Button>
        )}
        {may("finish") && (
          <Button type="primary" size="large" disabled={busy} onClick={onFinish}>
            {t("counter.finish")}
          </Button>
        )}
        {may("transfer") && (
          <Button size="large" icon={<SwapOutlined aria-hidden />} disabled={busy} onClick={onTransfer}>
            {t("counter.transfer")}
          </Button>
        )}
      </Space>
    </Card>
  );
}
