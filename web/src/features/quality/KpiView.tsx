import { Card, Col, Row, Space, Statistic, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Kpi, KpiSettings } from "./api";

type Flag = Kpi["flags"][number];
const colours = { red: "#dc2626", blue: "#2563eb" } as const;

/**
 * The colour of an item's cell from the server's flags: our own value (no carrier), or our lead over one
 * carrier. Red wins over blue.
 */
function colourOf(flags: Flag[], item: string, carrier?: string) {
  const mine = flags.filter((f) => f.item === item && f.carrier === carrier);
  if (mine.some((f) => f.colour === "red")) return colours.red;
  if (mine.some((f) => f.colour === "blue")) return colours.blue;
  return undefined;
}

// R-KPI: the figure against its target, its four factors, the brands, the competitors, the items.
export function KpiView({ kpi, settings }: { kpi: Kpi; settings: KpiSettings | undefined }) {
  const { t } = useTranslation();
  const carriers = kpi.vsCompetitors.map((c) => c.carrier);
  const w = kpi.weights;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={8}>
            <Statistic
              title={t("quality.kpi")}
              value={kpi.satisfaction}
              precision={2}
              suffix="%"
              valueStyle={{ color: kpi.met ? "#15803d" : colours.red, fontSize: 40 }}
            />
            <Space wrap>
              <Tag color={kpi.met ? "green" : "red"}>{kpi.met ? t("quality.met") : t("quality.notMet")}</Tag>
              <span>{t("quality.target", { t: kpi.target })}</span>
              <span style={{ color: "#64748b" }}>{t("quality.sample", { n: kpi.sampleSize })}</span>
            </Space>
          </Col>
          {(["environment", "waiting", "staff", "speed"] as const).map((f) => (
            <Col xs={12} md={4} key={f}>
              <Statistic title={t(`quality.factor.${f}`)} value={kpi.factors[f]} precision={2} suffix="%" />
              {/* The factor as a bar against 100 %, the target marked: which factor pulls the KPI down. */}
              <div
                role="img"
                aria-label={`${t(`quality.factor.${f}`)} ${kpi.factors[f]}%`}
                style={{
                  position: "relative",
                  height: 8,
                  background: "#e2e8f0",
                  borderRadius: 4,
                  margin: "6px 0",
                }}
              >
                <div
                  style={{
                    width: `${Math.min(100, kpi.factors[f])}%`,
                    height: "100%",
                    borderRadius: 4,
                    background: kpi.factors[f] >= kpi.target ? "#16a34a" : colours.red,
                  }}
                />
                <div
                  style={{
                    position: "absolute",
                    left: `${kpi.target}%`,
                    top: -3,
                    width: 2,
                    height: 14,
                    background: "#0b1f44",
                  }}
                />
              </div>
              <span style={{ color: "#64748b", fontSize: 12 }}>× {w[f]}</span>
            </Col>
          ))}
        </Row>
        <p style={{ color: "#64748b", margin: "12px 0 0" }}>{t("quality.formula", w)}</p>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("quality.segments")}>
            <Table
              rowKey="segment"
              size="small"
              pagination={false}
              dataSource={[
                { segment: "", satisfaction: kpi.satisfaction, sampleSize: kpi.sampleSize },
                ...kpi.segments,
              ]}
              columns={[
                {
                  title: t("quality.segment"),
                  key: "s",
                  render: (_, s) => s.segment || t("quality.wholeBase"),
                },
                {
                  title: t("quality.kpi"),
                  dataIndex: "satisfaction",
                  align: "right",
                  render: (v: number) => v.toFixed(2),
                },
                { title: t("quality.sample", { n: "" }), dataIndex: "sampleSize", align: "right" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("quality.competitors")}>
            <Table
              rowKey="carrier"
              size="small"
              pagination={false}
              dataSource={kpi.vsCompetitors}
              columns={[
                { title: t("quality.carrier"), dataIndex: "carrier" },
                {
                  title: t("quality.theirs"),
                  dataIndex: "satisfaction",
                  align: "right",
                  render: (v: number) => v.toFixed(2),
                },
                {
                  title: t("quality.lead"),
                  dataIndex: "lead",
                  align: "right",
                  render: (v: number, c) => (
                    <span style={{ color: colourOf(kpi.flags, "kpi", c.carrier), fontWeight: 600 }}>
                      {v > 0 ? "+" : ""}
                      {v.toFixed(2)}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t("quality.items")}>
        {settings && (
          <p style={{ color: "#64748b", marginTop: 0 }}>{t("quality.flagsHint", settings.flags)}</p>
        )}
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={kpi.items}
          columns={[
            { title: t("quality.item"), key: "i", render: (_, i) => t(`quality.itemName.${i.code}`) },
            {
              title: t("quality.ours"),
              key: "ours",
              align: "right",
              render: (_, i) => (
                <span style={{ color: colourOf(kpi.flags, i.code), fontWeight: 600 }}>
                  {i.ours.toFixed(2)}
                </span>
              ),
            },
            ...carriers.map((c) => ({
              title: `${c} · ${t("quality.lead")}`,
              key: c,
              align: "right" as const,
              render: (_: unknown, i: Kpi["items"][number]) => {
                const theirs = i.competitors[c];
                if (theirs === undefined) return "—";
                const lead = i.ours - theirs;
                return (
                  <span>
                    {theirs.toFixed(2)}{" "}
                    <span style={{ color: colourOf(kpi.flags, i.code, c) }}>
                      ({lead > 0 ? "+" : ""}
                      {lead.toFixed(2)})
                    </span>
                  </span>
                );
              },
            })),
          ]}
        />
      </Card>
    </Space>
  );
}
