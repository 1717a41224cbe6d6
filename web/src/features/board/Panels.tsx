import { AlertOutlined, CheckCircleOutlined } from "@ant-design/icons";
import { Card, Empty, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Breach, QueueView } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { actionText, clock, duration, minutes, timeOf } from "../../shell/format";
import { Row, Rows } from "../../shell/Rows";
import { StaffingNow } from "./StaffingNow";

/** R-PEAK: the level's actions (what, and who does it) and the waiting lines by business type. */
export function PeakPanel({ hallId, queue, height }: { hallId: string; queue: QueueView; height: number }) {
  const { t, i18n } = useTranslation();
  const typeName = useTypeName();
  const level = queue.peakLevel;
  return (
    <Card
      size="small"
      title={t("board.actionsTitle")}
      style={{ height }}
      styles={{ body: { padding: 0, height: height - 40, overflow: "auto" } }}
    >
      {queue.peakActions.length === 0 ? (
        <div className="board-ok">
          <CheckCircleOutlined aria-hidden /> {t("board.noActions")}
        </div>
      ) : (
        <Rows label={t("board.actionsTitle")}>
          {queue.peakActions.map((a) => (
            <Row
              key={a.action}
              tone={level >= 2 ? "bad" : "warn"}
              title={
                <>
                  <AlertOutlined aria-hidden /> {actionText(a.action, i18n.language)}
                </>
              }
              description={t("board.who", { who: t(`role.${a.who}`, { defaultValue: a.who }) })}
            />
          ))}
        </Rows>
      )}
      <StaffingNow hallId={hallId} openCounters={queue.openCounters} />
      <div className="board-subtitle">{t("board.byType")}</div>
      <Table
        size="small"
        pagination={false}
        rowKey="businessType"
        dataSource={[...queue.byBusinessType].sort((a, b) => b.waiting - a.waiting)}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("board.noWaiting")} />,
        }}
        columns={[
          { title: t("board.type"), dataIndex: "businessType", render: (c: string) => typeName(c) },
          { title: t("board.count"), dataIndex: "waiting", align: "right" },
          {
            title: t("board.longest"),
            dataIndex: "longestWaitSeconds",
            align: "right",
            render: (s: number) => <span style={{ color: s > 600 ? "#dc2626" : undefined }}>{clock(s)}</span>,
          },
          {
            title: t("board.estimate"),
            dataIndex: "estimatedWaitSeconds",
            align: "right",
            render: (s: number) => minutes(s, t),
          },
        ]}
      />
    </Card>
  );
}

/** R-TIME: breaches as they happen, newest first. */
export function BreachList({ breaches, height }: { breaches: Breach[]; height: number }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  return (
    <Card
      size="small"
      title={
        <>
          {t("board.breachesTitle")} {breaches.length > 0 && <Tag color="red">{breaches.length}</Tag>}
        </>
      }
      style={{ height }}
      styles={{ body: { padding: 0 } }}
    >
      {breaches.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("board.noBreaches")}
          style={{ paddingTop: 24 }}
        />
      ) : (
        <Rows label={t("board.breachesTitle")} maxHeight={height - 48}>
          {breaches.map((b) => (
            <Row
              key={b.id}
              tone="bad"
              title={
                <>
                  <Tag color="red">{t(`breach.${b.kind}`)}</Tag>
                  {b.number
                    ? t("board.breachLine", {
                        number: b.number,
                        type: b.businessType ? typeName(b.businessType) : "",
                      })
                    : t("board.atEntry")}
                </>
              }
              description={t("board.limitWas", { t: duration(b.limitSeconds, t) })}
              extra={timeOf(b.at)}
            />
          ))}
        </Rows>
      )}
    </Card>
  );
}
