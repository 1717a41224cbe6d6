import { Button, Card, Empty, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Ticket } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { clock, secondsSince } from "../../shell/format";
import { Row, Rows } from "../../shell/Rows";
import { useNow } from "../../shell/useNow";

/** The tickets this counter may serve, in calling order (VIP first); any one can be called out of order. */
export function WaitingList({
  tickets,
  canCall,
  onCall,
}: {
  tickets: Ticket[];
  canCall: boolean;
  onCall: (t: Ticket) => void;
}) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const now = useNow(5000);
  return (
    <Card
      title={t("counter.waitingList")}
      extra={t("counter.waitingCount", { n: tickets.length })}
      styles={{ body: { padding: 0 } }}
    >
      {tickets.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("counter.noWaiting")}
          style={{ padding: 24 }}
        />
      ) : (
        <Rows label={t("counter.waitingList")} maxHeight="calc(100vh - 260px)">
          {tickets.map((tk) => {
            const waited = secondsSince(tk.issuedAt, now);
            return (
              <Row
                key={tk.id}
                tone={waited > 600 ? "bad" : undefined}
                title={
                  <span className="tw-tabular" style={{ fontSize: 18 }}>
                    {tk.number} {tk.vip && <Tag color="gold">VIP</Tag>}
                  </span>
                }
                description={typeName(tk.businessType)}
                extra={<span style={{ color: waited > 600 ? "#dc2626" : undefined }}>{clock(waited)}</span>}
                actions={
                  <Button
                    size="small"
                    disabled={!canCall}
                    onClick={() => onCall(tk)}
                    aria-label={`${t("counter.callThis")} ${tk.number}`}
                  >
                    {t("counter.callThis")}
                  </Button>
                }
              />
            );
          })}
        </Rows>
      )}
    </Card>
  );
}
