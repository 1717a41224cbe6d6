import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Segmented, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";

const hallGroupings = ["counter", "staff", "business_type", "day", "month", "quarter"] as const;
// One's own ratings go by period or business type: never by colleague (the server refuses it too).
const ownGroupings = ["day", "month", "quarter", "business_type"] as const;
type By = (typeof hallGroupings)[number];

const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

// R-EVAL: the pad's and the SMS link's ratings of the last 30 days — a hall's per counter, person, business
// type or period (`hallId`), or one's own (我的评价, no hallId) per period or business type.
export function RatingsCard({ hallId }: { hallId?: string }) {
  const { t } = useTranslation();
  const groupings = hallId ? hallGroupings : ownGroupings;
  const [by, setBy] = useState<By>(groupings[0]);
  const ratings = useQuery({
    queryKey: ["quality", "ratings", hallId ?? "mine", by],
    queryFn: async () =>
      hallId
        ? unwrap(
            await api.GET("/api/halls/{hallId}/ratings", { params: { path: { hallId }, query: { by } } }),
          )
        : unwrap(await api.GET("/api/quality/my-ratings", { params: { query: { by } } })),
  });
  const d = ratings.data;
  return (
    <Card
      size="small"
      title={t(hallId ? "quality.ratings.title" : "quality.ratings.mine")}
      extra={
        <Segmented<By>
          value={by}
          onChange={setBy}
          options={groupings.map((g) => ({ value: g, label: t(`quality.ratings.by.${g}`) }))}
        />
      }
    >
      {d && (
        <p style={{ color: "#64748b", marginTop: 0 }}>
          {t("quality.ratings.summary", {
            from: d.from,
            to: d.to,
            n: d.total.count,
            share: percent(d.total.satisfiedShare),
          })}
        </p>
      )}
      <Table
        rowKey={(g) => g.key ?? "none"}
        size="small"
        loading={ratings.isLoading}
        dataSource={d?.groups ?? []}
        pagination={(d?.groups.length ?? 0) > 15 ? { pageSize: 15 } : false}
        locale={{ emptyText: <Empty description={t("quality.ratings.empty")} /> }}
        columns={[
          { title: t(`quality.ratings.by.${by}`), dataIndex: "label" },
          { title: t("quality.ratings.count"), dataIndex: "count", align: "right" },
          {
            title: t("quality.ratings.satisfied"),
            key: "share",
            align: "right",
            render: (_, g) => percent(g.satisfiedShare),
          },
          {
            title: t("quality.ratings.unsatisfied"),
            key: "bad",
            align: "right",
            render: (_, g) => g.byRating.unsatisfied + g.byRating.very_unsatisfied,
          },
        ]}
      />
    </Card>
  );
}
