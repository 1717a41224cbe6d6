import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, message, Popconfirm, Select, Space, Table, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Standing = Ok<paths["/api/quality/certifications"]["get"]>[number];

const outcomeColour = { certified: "gold", withdrawn: "red", not_certified: "default" } as const;

/** This quarter and the three before it, newest first (2026-Q4, 2026-Q3, …). */
function recentQuarters(now = new Date()) {
  let y = now.getFullYear();
  let q = Math.floor(now.getMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

// 挂牌 (R-CERT): each own hall's standing against the operator's thresholds, with the reasons; area managers
// and the operator evaluate a quarter.
export function CertificationCard() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const qc = useQueryClient();
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState(quarters[0]);
  const list = useQuery({
    queryKey: ["quality", "certifications", quarter],
    queryFn: async () =>
      unwrap(await api.GET("/api/quality/certifications", { params: { query: { quarter } } })),
  });
  const evaluate = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/api/quality/certifications/evaluate", { body: { quarter } })),
    onSuccess: (r) => message.success(t("quality.cert.evaluated", { n: r.results.length })),
    onSettled: () => qc.invalidateQueries({ queryKey: ["quality", "certifications"] }),
  });
  const figure = (code: string, v: number | null) =>
    v === null ? "—" : code === "waitingWithin" ? `${(v * 100).toFixed(1)}%` : String(v);
  if (list.error) return <ErrorState error={list.error} />;
  return (
    <Card
      size="small"
      title={t("quality.cert.title")}
      extra={
        <Space>
          <Select
            aria-label={t("quality.cert.quarter")}
            value={quarter}
            onChange={setQuarter}
            options={quarters.map((q) => ({ value: q, label: q }))}
          />
          {may(principal, "quality.assign") && (
            <Popconfirm
              title={t("quality.cert.confirm", { quarter })}
              onConfirm={() => evaluate.mutateAsync()}
            >
              <Button type="primary" loading={evaluate.isPending}>
                {t("quality.cert.evaluate")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {evaluate.error && <ErrorState error={evaluate.error} />}
      <Table<Standing>
        rowKey="hallId"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: <Empty description={t("quality.cert.empty")} /> }}
        columns={[
          { title: t("quality.cert.hall"), dataIndex: "hallName" },
          {
            title: t("quality.cert.outcome"),
            dataIndex: "outcome",
            render: (o: Standing["outcome"]) => (
              <Tag color={outcomeColour[o]}>{t(`quality.cert.outcomes.${o}`)}</Tag>
            ),
          },
          ...(["kpi", "inspectionScore", "complaintsPer1000", "waitingWithin"] as const).map((code) => ({
            title: t(`quality.cert.criteria.${code}`),
            key: code,
            align: "right" as const,
            render: (_: unknown, s: Standing) => {
              const r = s.reasons.find((x) => x.code === code);
              if (!r) return "—";
              return (
                <Tooltip title={t("quality.cert.threshold", { v: figure(code, r.threshold) })}>
                  <span style={{ color: r.met ? "#15803d" : "#dc2626" }}>{figure(code, r.value)}</span>
                </Tooltip>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
