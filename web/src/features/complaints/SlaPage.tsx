import { useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, Row, Space, Statistic } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useLocalNames } from "../../shell/names";
import { Chart } from "../board/Chart";
import { type SlaRow, useSla } from "./api";

function bars(rows: SlaRow[], t: (k: string) => string, horizontal = false) {
  const labels = rows.map((r) => r.label);
  const axis = { type: "category", data: labels, axisLabel: { interval: 0 } };
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [t("complaints.slaPage.onTime"), t("complaints.slaPage.breached")] },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: horizontal ? { type: "value", minInterval: 1 } : axis,
    yAxis: horizontal ? axis : { type: "value", minInterval: 1 },
    series: [
      {
        name: t("complaints.slaPage.onTime"),
        type: "bar",
        stack: "n",
        barMaxWidth: 48,
        data: rows.map((r) => r.onTime),
        itemStyle: { color: "#16a34a" },
      },
      {
        name: t("complaints.slaPage.breached"),
        type: "bar",
        stack: "n",
        barMaxWidth: 48,
        data: rows.map((r) => r.breached),
        itemStyle: { color: "#dc2626" },
      },
    ],
  };
}

/** The manager's view of complaint time limits: on time against breached, by week, hall and category. */
export function SlaPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(8, "week"), dayjs()]);
  const from = range[0].format("YYYY-MM-DD");
  const to = range[1].format("YYYY-MM-DD");
  const week = useSla(from, to, "week");
  const hall = useSla(from, to, "hall");
  const category = useSla(from, to, "category");
  // The server names each hall in Chinese; English screens use the hall's English name where set.
  const halls = useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });
  const { hallName } = useLocalNames();
  const hallRows = (hall.data ?? []).map((r) => {
    const h = halls.data?.find((x) => x.id === r.key);
    return h ? { ...r, label: hallName(h) } : r;
  });
  const catRows = useMemo(
    () =>
      (category.data ?? []).map((r) => ({
        ...r,
        label: t(`complaints.category.${r.key}`, { defaultValue: r.key }),
      })),
    [category.data, t],
  );
  const total = (week.data ?? []).reduce((a, r) => ({ on: a.on + r.onTime, br: a.br + r.breached }), {
    on: 0,
    br: 0,
  });
  const rate = total.on + total.br > 0 ? `${Math.round((100 * total.on) / (total.on + total.br))}%` : "—";
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap>
        <span>{t("complaints.slaPage.range")}</span>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          allowClear={false}
        />
      </Space>
      <Row gutter={16}>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t("complaints.slaPage.onTime")}
              value={total.on}
              valueStyle={{ color: "#16a34a" }}
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t("complaints.slaPage.breached")}
              value={total.br}
              valueStyle={{ color: "#dc2626" }}
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t("complaints.slaPage.rateTitle")} value={rate} />
          </Card>
        </Col>
      </Row>
      <Card title={t("complaints.slaPage.byWeek")} size="small">
        <Chart label={t("complaints.slaPage.byWeek")} height={260} option={bars(week.data ?? [], t)} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t("complaints.slaPage.byHall")} size="small">
            <Chart label={t("complaints.slaPage.byHall")} height={260} option={bars(hallRows, t, true)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("complaints.slaPage.byCategory")} size="small">
            <Chart label={t("complaints.slaPage.byCategory")} height={260} option={bars(catRows, t, true)} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
