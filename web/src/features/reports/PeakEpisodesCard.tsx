import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { ErrorState } from "../../shell/Forbidden";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Episode = Ok<paths["/api/halls/{hallId}/peak-episodes"]["get"]>[number];

const time = (iso: string) => dayjs(iso).format("MM-DD HH:mm");

/** R-PEAK: the hall's peak episodes of the report's period — how high, how long, who did what. */
export function PeakEpisodesCard({ hallId, from, to }: { hallId: string; from: string; to: string }) {
  const { t } = useTranslation();
  // The report's `to` is the first day after the period; the episodes' is its last day.
  const last = dayjs(to).subtract(1, "day").format("YYYY-MM-DD");
  const q = useQuery({
    queryKey: ["hall", hallId, "peak-episodes", from, last],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/peak-episodes", {
          params: { path: { hallId }, query: { from, to: last } },
        }),
      ),
  });
  return (
    <Card size="small" title={t("reports.peaks.title")}>
      {q.error ? (
        <ErrorState error={q.error} />
      ) : (
        <Table<Episode>
          size="small"
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          scroll={{ x: "max-content" }}
          pagination={(q.data?.length ?? 0) > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: <Empty description={t("reports.peaks.none")} /> }}
          columns={[
            { title: t("reports.peaks.started"), key: "start", render: (_, e) => time(e.startedAt) },
            {
              title: t("reports.peaks.ended"),
              key: "end",
              render: (_, e) =>
                e.endedAt ? time(e.endedAt) : <Tag color="red">{t("reports.peaks.ongoing")}</Tag>,
            },
            {
              title: t("reports.peaks.minutes"),
              key: "minutes",
              align: "right",
              sorter: (a, b) => a.minutes - b.minutes,
              render: (_, e) => e.minutes,
            },
            {
              title: t("reports.peaks.level"),
              key: "level",
              sorter: (a, b) => a.peakLevel - b.peakLevel,
              render: (_, e) => (
                <Tag color={e.peakLevel >= 3 ? "red" : e.peakLevel === 2 ? "orange" : "gold"}>
                  {t(`peak.level${e.peakLevel}`)} · {t("reports.peaks.waiting", { n: e.peakWaiting })}
                </Tag>
              ),
            },
            {
              title: t("reports.peaks.area"),
              key: "area",
              render: (_, e) => (e.areaNotifiedAt ? time(e.areaNotifiedAt) : "—"),
            },
            {
              title: t("reports.peaks.actions"),
              key: "actions",
              render: (_, e) =>
                e.actions.length === 0
                  ? "—"
                  : e.actions.map((a) => (
                      <div key={a.at + a.text}>
                        {dayjs(a.at).format("HH:mm")}{" "}
                        {a.kind === "counter_opened"
                          ? t("reports.peaks.opened", { counter: a.text })
                          : a.text}
                        {a.byName ? ` · ${a.byName}` : ""}
                      </div>
                    )),
            },
          ]}
        />
      )}
    </Card>
  );
}
