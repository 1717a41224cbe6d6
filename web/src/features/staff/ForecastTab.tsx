import { Alert, Button, Card, DatePicker, InputNumber, Space, Statistic, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useTypeName } from "../../shell/catalog";
import { Chart } from "../board/Chart";
import { type Forecast, useAccuracy, useForecast, useOverride } from "./api";

// The forecast of a day (排班 R-ROSTER): arrivals per half hour and business type, which the manager may
// correct cell by cell, and how a past day's forecast compared with what came.
export function ForecastTab({
  hallId,
  date,
  onDate,
  mayEdit,
}: {
  hallId: string;
  date: string;
  onDate: (d: string) => void;
  mayEdit: boolean;
}) {
  const { t } = useTranslation();
  const forecast = useForecast(hallId, date);
  const f = forecast.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Space wrap>
        <span>{t("staffing.date")}</span>
        <DatePicker
          aria-label={t("staffing.date")}
          value={dayjs(date)}
          allowClear={false}
          onChange={(d) => d && onDate(d.format("YYYY-MM-DD"))}
        />
        {f && (
          <Tag color={f.dayKind === "normal" ? "blue" : "volcano"}>{t(`staffing.dayKind.${f.dayKind}`)}</Tag>
        )}
        {f && f.basedOn.length > 0 && (
          <span style={{ color: "#64748b" }}>
            {t("staffing.basedOn")}: {f.basedOn.join("、")}
          </span>
        )}
      </Space>
      {f && !f.opensAt && <Alert type="info" message={t("staffing.closed")} />}
      {f?.opensAt && (
        <>
          <Card size="small" title={t("staffing.chart")}>
            <ForecastChart forecast={f} />
          </Card>
          <ForecastTable hallId={hallId} forecast={f} mayEdit={mayEdit} />
        </>
      )}
      <AccuracyCard hallId={hallId} date={dayjs(date).subtract(1, "day").format("YYYY-MM-DD")} />
    </Space>
  );
}

function ForecastChart({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: forecast.intervals.map((i) => i.start) },
      yAxis: { type: "value" },
      series: forecast.businessTypes.map((b) => ({
        name: typeName(b),
        type: "bar",
        stack: "all",
        data: forecast.intervals.map((i) => i.byType[b] ?? 0),
      })),
    }),
    [forecast, typeName],
  );
  return <Chart option={option} height={280} label={t("staffing.chart")} />;
}

function ForecastTable({
  hallId,
  forecast,
  mayEdit,
}: {
  hallId: string;
  forecast: Forecast;
  mayEdit: boolean;
}) {
  const { t } = useTranslation();
  const override = useOverride(hallId, forecast.date);
  const typeName = useTypeName();
  const columns = [
    { title: t("staffing.col.start"), dataIndex: "start", key: "start", fixed: "left" as const, width: 80 },
    ...forecast.businessTypes.map((b) => ({
      title: typeName(b),
      key: b,
      render: (_: unknown, row: Forecast["intervals"][number]) => {
        const value = row.byType[b] ?? 0;
        const mine = row.overridden.includes(b);
        if (!mayEdit) return value;
        return (
          <Space size={4}>
            <InputNumber
              size="small"
              min={0}
              max={2000}
              aria-label={`${row.start} ${b}`}
              defaultValue={Math.round(value * 10) / 10}
              style={{ width: 76, borderColor: mine ? "#fa8c16" : undefined }}
              onBlur={(e) => {
                const n = Number(e.target.value);
                if (Number.isFinite(n) && Math.abs(n - value) > 0.05)
                  override.mutate({ start: row.start, businessType: b, arrivals: Math.round(n) });
              }}
            />
            {mine && (
              <Button
                size="small"
                type="link"
                title={t("staffing.clearOverride")}
                onClick={() => override.mutate({ start: row.start, businessType: b, arrivals: null })}
              >
                ↺
              </Button>
            )}
          </Space>
        );
      },
    })),
    { title: t("staffing.col.total"), dataIndex: "total", key: "total", width: 80 },
  ];
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.start}:${r.overridden.join()}:${r.total}`}
      dataSource={forecast.intervals}
      columns={columns}
      pagination={false}
      scroll={{ x: true, y: 360 }}
    />
  );
}

function AccuracyCard({ hallId, date }: { hallId: string; date: string }) {
  const { t } = useTranslation();
  const acc = useAccuracy(hallId, date);
  const a = acc.data;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: (a?.intervals ?? []).map((i) => i.start) },
      yAxis: { type: "value" },
      series: [
        {
          name: t("staffing.forecastSeries"),
          type: "line",
          data: (a?.intervals ?? []).map((i) => i.forecast),
        },
        { name: t("staffing.actualSeries"), type: "bar", data: (a?.intervals ?? []).map((i) => i.actual) },
      ],
    }),
    [a, t],
  );
  return (
    <Card size="small" title={`${t("staffing.accuracy")} · ${date}`}>
      <Statistic
        title={t("staffing.mape")}
        value={
          a?.mape === null || a?.mape === undefined ? t("staffing.noMape") : `${(a.mape * 100).toFixed(1)}%`
        }
      />
      <Chart option={option} height={220} label={t("staffing.accuracyChart")} />
    </Card>
  );
}
