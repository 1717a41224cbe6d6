import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Statistic, Table } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";

const percent = (s: number) => `${(s * 100).toFixed(0)}%`;

// R-STAFFSAT beside R-KPI: the hall's staff pulse this quarter next to what its customers say.
export function PulseCard({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const pulse = useQuery({
    queryKey: ["quality", "pulse", hallId],
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/pulse", { params: { path: { hallId } } })),
  });
  const d = pulse.data;
  return (
    <Card
      size="small"
      title={t("quality.pulse.results", { quarter: d?.quarter ?? "" })}
      loading={pulse.isLoading}
    >
      {d && (
        <>
          <div style={{ display: "flex", gap: 32, flexWrap: "wrap", marginBottom: 12 }}>
            <Statistic title={t("quality.pulse.staffSatisfaction")} value={d.results?.satisfaction ?? "—"} />
            <Statistic title={t("quality.pulse.customerKpi")} value={d.customerKpi ?? "—"} />
            <Statistic title={t("quality.pulse.answered")} value={`${d.answered} / ${d.staff}`} />
          </div>
          {d.results ? (
            <>
              <Table
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={d.results.questions}
                columns={[
                  { title: t("quality.pulse.question"), dataIndex: "label" },
                  { title: t("quality.pulse.mean"), dataIndex: "mean", align: "right" },
                  {
                    title: t("quality.pulse.agree"),
                    dataIndex: "agreeShare",
                    align: "right",
                    render: percent,
                  },
                ]}
              />
              {d.comments.length > 0 && (
                <ul style={{ marginTop: 12 }}>
                  {d.comments.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: anonymous comments have no identity of their own
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <Empty description={t("quality.pulse.tooFew", { n: d.minAnswers })} />
          )}
        </>
      )}
    </Card>
  );
}
