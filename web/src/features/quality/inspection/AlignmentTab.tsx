import { Alert, Button, Empty, message, Popconfirm, Select, Space, Table, Tag } from "antd";
import { ScatterChart } from "echarts/charts";
import * as echarts from "echarts/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { may, useSession } from "../../../api/session";
import { ErrorState } from "../../../shell/Forbidden";
import { Chart } from "../../board/Chart";
import { useKpi } from "../api";
import { type Alignment, useAlignment, useChecklists, useSaveChecklist } from "./api";

echarts.use([ScatterChart]);

type Row = Alignment["items"][number];

// The improvement plans' contradiction 2: do the inspection's items follow what customers feel? Per item,
// Pearson's r across the scope's halls, the weights it questions, and a scatter of the halls.
export function AlignmentTab({ regions }: { regions: string[] }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const user = principal?.kind === "user" ? principal : null;
  const scopes = [
    ...(user && !user.regionCode && !user.hallId ? ["operator"] : []),
    ...regions.map((r) => `region:${r}`),
  ];
  const [scope, setScope] = useState<string | undefined>(
    user?.regionCode ? `region:${user.regionCode}` : scopes[0],
  );
  const periods = useKpi(scope, undefined).data?.periods ?? [];
  const [picked, setPicked] = useState<string>();
  const period = picked ?? periods[0] ?? "";
  const lists = useChecklists();
  const [checklistId, setChecklistId] = useState<string>();
  const alignment = useAlignment(scope, period, checklistId);
  const save = useSaveChecklist();
  const [item, setItem] = useState<string>();
  const d = alignment.data;
  const shown = d?.items.find((i) => i.code === item) ?? d?.items.find((i) => i.correlation !== null);
  const names = new Map((d?.halls ?? []).map((h) => [h.hallId, h.name]));
  const option = useMemo(
    () =>
      shown && {
        grid: { left: 48, right: 16, top: 24, bottom: 40 },
        tooltip: {
          formatter: (p: { data: [number, number, string] }) =>
            `${p.data[2]}<br/>${p.data[0]} / ${p.data[1]}`,
        },
        xAxis: {
          name: t("inspection.alignment.xAxis"),
          nameLocation: "middle",
          nameGap: 26,
          min: "dataMin",
          max: "dataMax",
        },
        yAxis: { name: t("inspection.alignment.yAxis"), min: "dataMin", max: "dataMax" },
        series: [
          {
            type: "scatter",
            symbolSize: 14,
            data: shown.points.map((p) => [p.score, p.kpi, names.get(p.hallId) ?? ""]),
          },
        ],
      },
    [shown, names, t],
  );
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <span>{t("inspection.alignment.scope")}</span>
        <Select
          aria-label={t("inspection.alignment.scope")}
          style={{ minWidth: 160 }}
          value={scope}
          onChange={(s) => {
            setScope(s);
            setPicked(undefined);
          }}
          options={scopes.map((s) => ({
            value: s,
            label:
              s === "operator" ? t("quality.scopeOperator") : t("quality.scopeRegion", { code: s.slice(7) }),
          }))}
        />
        <span>{t("inspection.alignment.period2")}</span>
        <Select
          aria-label={t("inspection.alignment.period")}
          style={{ minWidth: 120 }}
          value={period || undefined}
          onChange={setPicked}
          options={periods.map((p) => ({ value: p, label: p }))}
        />
        <Select
          aria-label={t("inspection.checklist")}
          style={{ minWidth: 220 }}
          value={checklistId ?? d?.checklist.id}
          onChange={setChecklistId}
          options={(lists.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      </Space>
      <Alert type="info" showIcon message={t("inspection.alignment.hint")} />
      {alignment.error && <ErrorState error={alignment.error} />}
      {!period && <Empty description={t("inspection.alignment.empty")} />}
      {d && (
        <>
          <span style={{ color: "#64748b" }}>{t("inspection.alignment.halls", { n: d.halls.length })}</span>
          <Table<Row>
            rowKey="code"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={d.items}
            onRow={(r) => ({ onClick: () => setItem(r.code), style: { cursor: "pointer" } })}
            rowClassName={(r) => (r.code === shown?.code ? "ant-table-row-selected" : "")}
            columns={[
              { title: t("inspection.form.item"), dataIndex: "label" },
              { title: t("inspection.editor.weight"), dataIndex: "weight", align: "right" },
              {
                title: t("inspection.alignment.correlation"),
                dataIndex: "correlation",
                align: "right",
                render: (r: number | null) => (r === null ? "—" : r.toFixed(2)),
              },
              { title: t("inspection.alignment.hallsCount"), dataIndex: "halls", align: "right" },
              {
                title: t("inspection.alignment.flag"),
                dataIndex: "flag",
                render: (f: Row["flag"]) =>
                  f && (
                    <Tag color={f === "overweighted" ? "red" : "blue"}>
                      {t(`inspection.alignment.flags.${f}`)}
                    </Tag>
                  ),
              },
              { title: t("inspection.alignment.suggested"), dataIndex: "suggestedWeight", align: "right" },
            ]}
          />
          {shown && option ? (
            <Chart
              option={option}
              height={300}
              label={t("inspection.alignment.scatter", { item: shown.label })}
            />
          ) : (
            <span style={{ color: "#64748b" }}>{t("inspection.alignment.pick")}</span>
          )}
          {may(principal, "quality.checklistAdmin") && d.items.some((i) => i.flag) && (
            <Popconfirm
              title={t("inspection.alignment.acceptConfirm")}
              onConfirm={async () => {
                const saved = await save.mutateAsync({
                  baseId: d.checklist.id,
                  body: {
                    name: d.checklist.name,
                    kind: d.checklist.kind,
                    items: d.checklist.items.map((i) => ({
                      ...i,
                      weight: d.items.find((r) => r.code === i.code)?.suggestedWeight ?? i.weight,
                    })),
                  },
                });
                message.success(t("inspection.alignment.accepted", { v: saved.version }));
              }}
            >
              <Button type="primary">{t("inspection.alignment.accept")}</Button>
            </Popconfirm>
          )}
        </>
      )}
    </Space>
  );
}
