import { HeartOutlined, SwapRightOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import type { QueueView, Ticket } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { actionText, clock, secondsSince } from "../../shell/format";
import { Row, Rows } from "../../shell/Rows";
import { useNow } from "../../shell/useNow";

/** Who has waited longest, with soothing (Z4) and diversion (R-DIVERT) one tap away. */
export function QueuePanel({
  hallId,
  queue,
  onDivert,
}: {
  hallId: string;
  queue: QueueView;
  onDivert: (t: Ticket) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const typeName = useTypeName();
  const now = useNow(5000);
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
      {queue.peakLevel > 0 && (
        <Alert
          type={queue.peakLevel >= 2 ? "error" : "warning"}
          showIcon
          title={`${t("floor.peak")} · ${t(`peak.level${queue.peakLevel}`)}`}
          description={queue.peakActions.map((a) => actionText(a.action, i18n.language)).join("；")}
          style={{ marginBottom: 12 }}
        />
      )}
      <Card size="small" title={t("floor.longest")} styles={{ body: { padding: 0 } }}>
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
                      <Button
                        size="small"
                        icon={<HeartOutlined aria-hidden />}
                        onClick={() => soothe.mutate(tk)}
                        aria-label={`${t("floor.soothe")} ${tk.number}`}
                      >
                        {t("floor.soothe")}
                      </Button>
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
