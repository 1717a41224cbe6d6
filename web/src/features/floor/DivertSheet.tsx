import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Drawer, Empty, Radio, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { applyTicketAction } from "../../api/ticketActions";
import type { DivertChannel, Ticket } from "../../api/types";

/** R-DIVERT: the channels that can serve this business, in priority order, and whether the customer took one. */
export function DivertSheet({
  hallId,
  ticket,
  onClose,
}: {
  hallId: string;
  ticket: Ticket | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [channel, setChannel] = useState<DivertChannel | null>(null);
  const today = dayjs().format("YYYY-MM-DD");
  const suggestions = useQuery({
    queryKey: ["divert", ticket?.id],
    enabled: !!ticket,
    queryFn: async () =>
      unwrap(await api.GET("/api/tickets/{id}/divert-suggestions", { params: { path: { id: ticket!.id } } })),
  });
  useEffect(() => setChannel(suggestions.data?.[0]?.channel ?? null), [suggestions.data]);
  const divert = useMutation({
    mutationFn: (accepted: boolean) =>
      applyTicketAction(ticket!.id, { action: "divert", channel: channel!, accepted }),
    onSuccess: (_r, accepted) => {
      void message.success(
        accepted
          ? t("floor.diverted", { number: ticket!.number, channel: t(`channel.${channel}`) })
          : t("floor.declined"),
      );
      void qc.invalidateQueries({ queryKey: ["hall", hallId] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Drawer
      open={!!ticket}
      onClose={onClose}
      placement="bottom"
      size="55%"
      title={ticket ? t("floor.divertTitle", { number: ticket.number }) : ""}
      destroyOnHidden
    >
      {suggestions.data?.length === 0 ? (
        <Empty description={t("floor.divertNone")} />
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }} size={16}>
          <Typography.Text type="secondary">{t("floor.divertHint")}</Typography.Text>
          <Radio.Group
            value={channel}
            onChange={(e) => setChannel(e.target.value)}
            aria-label={t("floor.divertHint")}
            style={{ display: "flex", flexDirection: "column", gap: 10 }}
            options={(suggestions.data ?? []).map((s, i) => ({
              value: s.channel,
              label: (
                <span>
                  {`${i + 1}. ${t(`channel.${s.channel}`)}`}
                  {s.halls?.map((h) => (
                    <Typography.Text key={h.id} type="secondary" style={{ display: "block", fontSize: 13 }}>
                      {h.name}
                      {h.distanceKm !== null && ` · ${t("floor.km", { km: h.distanceKm })}`}
                      {` · ${t("floor.theyWait", { n: h.waiting })}`}
                      {h.estimatedWaitSeconds !== null &&
                        ` · ${t("floor.about", { m: Math.max(1, Math.round(h.estimatedWaitSeconds / 60)) })}`}
                    </Typography.Text>
                  ))}
                  {s.hours && (
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 13 }}>
                      {s.hours
                        .map(
                          (h) =>
                            `${h.date === today ? t("floor.today") : t("floor.tomorrow")} ${h.from}–${h.to}`,
                        )
                        .join(t("punct.list"))}
                    </Typography.Text>
                  )}
                </span>
              ),
            }))}
          />
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 10 }}>
            <Button
              size="large"
              disabled={!channel}
              loading={divert.isPending && divert.variables === false}
              onClick={() => divert.mutate(false)}
            >
              {t("floor.divertDeclined")}
            </Button>
            <Button
              type="primary"
              size="large"
              disabled={!channel}
              loading={divert.isPending && divert.variables === true}
              onClick={() => divert.mutate(true)}
            >
              {t("floor.divertAccepted")}
            </Button>
          </div>
        </Space>
      )}
    </Drawer>
  );
}
