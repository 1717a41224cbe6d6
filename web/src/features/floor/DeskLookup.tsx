import {
  CloseCircleOutlined,
  PrinterOutlined,
  RollbackOutlined,
  SearchOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Empty, Input, Modal, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { hallKey, SLOW_READ_MS } from "../../api/queries";
import { type TicketAction, useTicketAction } from "../../api/ticketActions";
import type { BusinessType, Hall, Ticket } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { timeOf } from "../../shell/format";
import { validMobile } from "../kiosk/phone";
import { SlipModal } from "./SlipModal";

type Query = { number: string } | { phone: string };

/** What was typed as a look-up: a ticket number (A012) or a whole mobile number; null if neither. */
function parseQuery(text: string): Query | null {
  const v = text.replace(/\s/g, "");
  if (/^[A-Za-z]\d{3,5}$/.test(v)) return { number: v.toUpperCase() };
  if (validMobile(v)) return { phone: v };
  return null;
}

const statusColor: Record<string, string> = {
  waiting: "blue",
  called: "geekblue",
  serving: "green",
  no_show: "orange",
  finished: "default",
  cancelled: "default",
  diverted: "purple",
};

/**
 * 过号请到咨询台办理: the desk finds today's ticket by number or phone and does what the server says it
 * allows — return it to the line (with the hall's setback), cancel it, move it to another business,
 * or give the customer the slip again.
 */
export function DeskLookup({ hall, types }: { hall: Hall; types: BusinessType[] }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const typeName = useTypeName();
  const [text, setText] = useState("");
  const [query, setQuery] = useState<Query | null>(null);
  const [bad, setBad] = useState(false);
  const [moving, setMoving] = useState<Ticket | null>(null);
  const [slipOf, setSlipOf] = useState<string | null>(null);
  const action = useTicketAction(hall.id);
  const found = useQuery({
    queryKey: hallKey(hall.id, "lookup", query),
    enabled: !!query,
    // A list of tickets, not the live queue: refreshed on a slow timer and after the desk's own actions.
    refetchInterval: SLOW_READ_MS,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/tickets", {
          params: { path: { hallId: hall.id }, query: { ...query!, limit: 20 } },
        }),
      ),
  });
  const search = () => {
    const q = parseQuery(text);
    setBad(!q);
    setQuery(q);
  };
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const run = (tk: Ticket, a: TicketAction, done: string) =>
    action.mutate(
      { id: tk.id, ...a },
      {
        onSuccess: (after) => {
          void message.success(t(done, { number: tk.number, type: typeName(after.businessType) }));
          if (a.action === "return" && after.allowedActions?.includes("reprint")) setSlipOf(after.id);
        },
        onError: fail,
      },
    );
  const cancel = (tk: Ticket) =>
    modal.confirm({
      title: t("floor.cancelConfirm", { number: tk.number }),
      okText: t("floor.cancelTicket"),
      okButtonProps: { danger: true },
      cancelText: t("action.back"),
      onOk: () => run(tk, { action: "cancel" }, "floor.cancelled"),
    });

  const items = found.data?.items ?? [];
  const may = (tk: Ticket, a: string) => tk.allowedActions?.includes(a) ?? false;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Typography.Text type="secondary">{t("floor.lookupHint")}</Typography.Text>
        <Input.Search
          aria-label={t("floor.lookupLabel")}
          placeholder={t("floor.lookupPlaceholder")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={search}
          enterButton={<SearchOutlined aria-label={t("floor.lookup")} />}
          size="large"
          status={bad ? "error" : undefined}
          style={{ marginTop: 8 }}
        />
        {bad && (
          <Typography.Text type="danger" role="alert">
            {t("floor.lookupBad")}
          </Typography.Text>
        )}
      </Card>
      {query && found.data && items.length === 0 && <Empty description={t("floor.lookupNone")} />}
      {items.map((tk) => (
        <Card
          key={tk.id}
          size="small"
          title={
            <span className="tw-tabular" style={{ fontSize: 22 }}>
              {tk.number} {tk.vip && <Tag color="gold">VIP</Tag>}
            </span>
          }
          extra={<Tag color={statusColor[tk.status]}>{t(`status.${tk.status}`)}</Tag>}
          aria-label={tk.number}
        >
          <div style={{ color: "#475569", marginBottom: 10 }}>
            {typeName(tk.businessType)} · {t("floor.issuedAt", { time: timeOf(tk.issuedAt) })}
            {tk.phone && ` · ${tk.phone}`}
            {tk.counterNumber !== null && ` · ${t("floor.atCounter", { n: tk.counterNumber })}`}
          </div>
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
            {may(tk, "return") && (
              <Button
                type="primary"
                icon={<RollbackOutlined aria-hidden />}
                loading={action.isPending}
                onClick={() => run(tk, { action: "return" }, "floor.returned")}
              >
                {t("floor.return")}
              </Button>
            )}
            {may(tk, "reprint") && (
              <Button icon={<PrinterOutlined aria-hidden />} onClick={() => setSlipOf(tk.id)}>
                {t("floor.reprint")}
              </Button>
            )}
            {may(tk, "transfer") && (
              <Button icon={<SwapOutlined aria-hidden />} onClick={() => setMoving(tk)}>
                {t("floor.move")}
              </Button>
            )}
            {may(tk, "cancel") && (
              <Button danger icon={<CloseCircleOutlined aria-hidden />} onClick={() => cancel(tk)}>
                {t("floor.cancelTicket")}
              </Button>
            )}
          </div>
          {tk.allowedActions?.length === 0 && (
            <Typography.Text type="secondary">{t("floor.nothingToDo")}</Typography.Text>
          )}
        </Card>
      ))}
      <MoveModal
        ticket={moving}
        types={types.filter(
          (b) => b.active && !b.forbiddenHallTypes.includes(hall.type) && b.code !== moving?.businessType,
        )}
        busy={action.isPending}
        onCancel={() => setMoving(null)}
        onOk={(businessType) =>
          moving &&
          action.mutate(
            { id: moving.id, action: "transfer", businessType },
            {
              onSuccess: (after) => {
                void message.success(
                  t("floor.moved", { number: moving.number, type: typeName(after.businessType) }),
                );
                setMoving(null);
              },
              onError: fail,
            },
          )
        }
      />
      <SlipModal hall={hall} ticketId={slipOf} onClose={() => setSlipOf(null)} />
    </Space>
  );
}

function MoveModal({
  ticket,
  types,
  busy,
  onCancel,
  onOk,
}: {
  ticket: Ticket | null;
  types: BusinessType[];
  busy: boolean;
  onCancel: () => void;
  onOk: (businessType: string) => void;
}) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const [to, setTo] = useState<string>();
  return (
    <Modal
      open={!!ticket}
      title={ticket ? t("floor.moveTitle", { number: ticket.number }) : ""}
      okText={t("action.confirm")}
      cancelText={t("action.cancel")}
      okButtonProps={{ disabled: !to }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => to && onOk(to)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("floor.moveHint")}</Typography.Paragraph>
      <Select
        aria-label={t("floor.moveTo")}
        style={{ width: "100%" }}
        value={to}
        onChange={setTo}
        options={types.map((b) => ({ value: b.code, label: typeName(b.code) }))}
      />
    </Modal>
  );
}
