import { HeartOutlined, SwapRightOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Empty, Popconfirm, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import type { QueueView, Ticket } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { clock, secondsSince } from "../../shell/format";
import { Row, Rows } from "../../shell/Rows";
import { useNow } from "../../shell/useNow";
import { PeakAlert } from "./PeakAlert";

const SMS_MIN_AHEAD = 10;

/** Who has waited longest, with soothing (Z4) and diversion (R-DIVERT) one tap away. */
export function QueuePanel({
  hallId,
  queue,
  onDivert,
  floorWork,
}: {
  hallId: string;
  queue: QueueView;
  onDivert: (t: Ticket) => void;
  /** The caller works the floor (ticket.floor): soothing; security only diverts. */
  floorWork: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const typeName = useTypeName();
  const now = useNow(5000);
  // 短信分流: text those at least SMS_MIN_AHEAD places back an e-channel (the server picks whom, once each).
  const smsDivert = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/halls/{hallId}/divert-sms", {
          params: { path: { hallId } },
          body: { minAhead: SMS_MIN_AHEAD },
        }),
      ),
    onSuccess: (r) => void message.success(t("floor.smsDiverted", { n: r.sent })),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const soothe = useMutation({
    mutationFn: async (tk: Ticket) =>
      unwrap(
        await api.POST("/api/halls/{hallId}/visit-nodes", {
          params: { path: { hallId } },
          body: { node: "Z4", ticketId: tk.id },
        }),
      ),
    onSuccess: (_v, tk) => void message.success(t("floor.soothed", { number: tk.number })),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const longest = [...queue.tickets].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  return (
    <>
      <PeakAlert hallId={hallId} queue={queue} />
      <Card
        size="small"
        title={t("floor.longest")}
        styles={{ body: { padding: 0 } }}
        extra={
          queue.waiting >= SMS_MIN_AHEAD && (
            <Popconfirm
              title={t("floor.smsDivertConfirm", { n: SMS_MIN_AHEAD })}
              okText={t("floor.smsDivertOk")}
              onConfirm={() => smsDivert.mutate()}
            >
              <Button size="small" loading={smsDivert.isPending}>
                {t("floor.smsDivert")}
              </Button>
            </Popconfirm>
          )
        }
      >
        {longest.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t("floor.waitingNone")}
            style={{ padding: 16 }}
          />
        ) : (
          <Rows label={t("floor.longest")}>
            {longest.map((tk) => {
              const waited = secondsSince(tk.issuedAt, now);
              return (
                <Row
                  key={tk.id}
                  tone={waited > 600 ? "bad" : waited > 480 ? "warn" : undefined}
                  title={
                    <span className="tw-tabular">
                      {tk.number} {tk.vip && <Tag color="gold">VIP</Tag>}
                    </span>
                  }
                  description={`${typeName(tk.businessType)} · ${t("floor.waited", { t: clock(waited) })}`}
                  actions={
                    <>
                      {floorWork && (
                        <Button
                          size="small"
                          icon={<HeartOutlined aria-hidden />}
                          onClick={() => soothe.mutate(tk)}
                          aria-label={`${t("floor.soothe")} ${tk.number}`}
                        >
                          {t("floor.soothe")}
                        </Button>
                      )}
                      {tk.allowedActions?.includes("divert") && (
                        <Button
                          size="small"
                          type="primary"
                          ghost
                          icon={<SwapRightOutlined aria-hidden />}
                          onClick={() => onDivert(tk)}
                          aria-label={`${t("floor.divert")} ${tk.number}`}
                        >
                          {t("floor.divert")}
                        </Button>
                      )}
                    </>
                  }
                />
              );
            })}
          </Rows>
        )}
      </Card>
    </>
  );
}
