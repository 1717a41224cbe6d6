import { AlertOutlined, AuditOutlined, BarChartOutlined, ToolOutlined } from "@ant-design/icons";
import { Card, Col, Row } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { may, useSession } from "../../api/session";
import { brand } from "../../app/theme";

function Tile({ to, icon, title, hint }: { to: string; icon: ReactNode; title: string; hint: string }) {
  return (
    <Link to={to} aria-label={title}>
      <Card hoverable size="small" style={{ height: "100%" }}>
        <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
          <span aria-hidden style={{ fontSize: 26, color: brand.primary }}>
            {icon}
          </span>
          <div>
            <div style={{ fontWeight: 600, color: brand.navy }}>{title}</div>
            <div style={{ color: "#64748b", fontSize: 13 }}>{hint}</div>
          </div>
        </div>
      </Card>
    </Link>
  );
}

/** The home screen's entries to complaints, work orders, SLA compliance and fault reports, by capability (GET /api/auth/me). */
export function ComplaintHomeTiles() {
  const { t } = useTranslation();
  const { principal } = useSession();
  type T = { to: string; icon: ReactNode; title: string; hint: string };
  const tiles = (
    [
      may(principal, "complaint.read") && {
        to: "/complaints",
        icon: <AuditOutlined />,
        title: t("complaints.tile.desk"),
        hint: t("complaints.tile.deskHint"),
      },
      may(principal, "workOrder.handle") && {
        to: "/complaints/work-orders",
        icon: <ToolOutlined />,
        title: t("complaints.tile.orders"),
        hint: t("complaints.tile.ordersHint"),
      },
      may(principal, "complaint.sla") && {
        to: "/complaints/sla",
        icon: <BarChartOutlined />,
        title: t("complaints.tile.sla"),
        hint: t("complaints.tile.slaHint"),
      },
      may(principal, "fault.read") && {
        to: "/faults",
        icon: <AlertOutlined />,
        title: t("complaints.tile.faults"),
        hint: t("complaints.tile.faultsHint"),
      },
    ] as (T | false)[]
  ).filter((x): x is T => x !== false);
  if (tiles.length === 0) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
      {tiles.map((x) => (
        <Col key={x.to} xs={24} sm={12} lg={6}>
          <Tile {...x} />
        </Col>
      ))}
    </Row>
  );
}
