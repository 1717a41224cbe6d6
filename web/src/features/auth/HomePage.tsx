import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  FundOutlined,
  HeartOutlined,
  LikeOutlined,
  NotificationOutlined,
  PrinterOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SmileOutlined,
  StarOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { useSession } from "../../api/session";
import type { Hall } from "../../api/types";
import { brand } from "../../app/theme";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { type Screen, screensFor } from "../../shell/screens";
import { ComplaintHomeTiles } from "../complaints/HomeTiles";

const icons: Record<Screen, ReactNode> = {
  counter: <AppstoreOutlined />,
  floor: <TeamOutlined />,
  board: <DashboardOutlined />,
  kiosk: <PrinterOutlined />,
  display: <DesktopOutlined />,
  pad: <LikeOutlined />,
  admin: <SettingOutlined />,
  field: <EnvironmentOutlined />,
  fieldManage: <FundOutlined />,
  staffing: <ScheduleOutlined />,
  myShifts: <CalendarOutlined />,
  quality: <SmileOutlined />,
  inspections: <AuditOutlined />,
  myRatings: <StarOutlined />,
  pulse: <HeartOutlined />,
  reports: <BarChartOutlined />,
  campaigns: <FlagOutlined />,
  site: <SafetyCertificateOutlined />,
  meetings: <NotificationOutlined />,
  training: <ReadOutlined />,
};

const hallScreens: Screen[] = [
  "counter",
  "floor",
  "board",
  "kiosk",
  "display",
  "staffing",
  "site",
  "meetings",
];
const linkFor = (screen: Screen, hall: Hall) => `/${screen}/${hall.id}`;
// As many tiles per row as fit: five hall screens sit on one line on a desktop, one per line on a phone.
const tiles = {
  display: "grid",
  gridTemplateColumns: "repeat(auto-fill, minmax(min(210px, 100%), 1fr))",
  gap: 12,
} as const;

function ScreenTile({ screen, to }: { screen: Screen; to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} aria-label={t(`auth.screen.${screen}`)}>
      <Card hoverable size="small" style={{ height: "100%" }}>
        <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
          <span aria-hidden style={{ fontSize: 26, color: brand.primary }}>
            {icons[screen]}
          </span>
          <div>
            <div style={{ fontWeight: 600, color: brand.navy }}>{t(`auth.screen.${screen}`)}</div>
            <div style={{ color: "#64748b", fontSize: 13 }}>{t(`auth.screenHint.${screen}`)}</div>
          </div>
        </div>
      </Card>
    </Link>
  );
}

function Home() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const halls = useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });
  const user = principal?.kind === "user" ? principal : null;
  const screens = screensFor(principal);
  const { hallName } = useLocalNames();
  const perHall = hallScreens.filter((s) => screens.includes(s));
  return (
    <StaffLayout title={t("auth.home")}>
      <div style={{ maxWidth: 1200, margin: "0 auto" }}>
        {/* Who is signed in, here rather than in a phone's one-line header. */}
        <div
          style={{
            display: "flex",
            flexWrap: "wrap",
            alignItems: "baseline",
            columnGap: 12,
            marginBottom: 16,
          }}
        >
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("auth.greeting", { name: user?.displayName ?? "" })}
          </Typography.Title>
          {user && <span style={{ color: "#475569" }}>{t(`role.${user.role}`)}</span>}
        </div>
        <ComplaintHomeTiles />
        {screens.length === 0 && <Empty description={t("auth.noScreens")}>{t("auth.noScreensHint")}</Empty>}
        {(screens.includes("admin") ||
          screens.includes("field") ||
          screens.includes("fieldManage") ||
          screens.includes("myShifts") ||
          screens.includes("quality") ||
          screens.includes("inspections") ||
          screens.includes("myRatings") ||
          screens.includes("pulse") ||
          screens.includes("reports") ||
          screens.includes("campaigns") ||
          screens.includes("training")) && (
          <div style={{ ...tiles, marginBottom: 24 }}>
            {screens.includes("admin") && <ScreenTile screen="admin" to="/admin" />}
            {screens.includes("field") && <ScreenTile screen="field" to="/field" />}
            {screens.includes("fieldManage") && <ScreenTile screen="fieldManage" to="/field/manage" />}
            {screens.includes("myShifts") && <ScreenTile screen="myShifts" to="/my-shifts" />}
            {screens.includes("quality") && <ScreenTile screen="quality" to="/quality" />}
            {screens.includes("inspections") && <ScreenTile screen="inspections" to="/inspections" />}
            {screens.includes("myRatings") && <ScreenTile screen="myRatings" to="/my-ratings" />}
            {screens.includes("pulse") && <ScreenTile screen="pulse" to="/pulse" />}
            {screens.includes("reports") && <ScreenTile screen="reports" to="/reports" />}
            {screens.includes("campaigns") && <ScreenTile screen="campaigns" to="/campaigns" />}
            {screens.includes("training") && <ScreenTile screen="training" to="/training" />}
          </div>
        )}
        {perHall.length > 0 && halls.isLoading && <Loading />}
        {perHall.length > 0 && halls.data?.length === 0 && <Empty description={t("auth.noHalls")} />}
        {perHall.length > 0 &&
          halls.data?.map((hall) => (
            <Card
              key={hall.id}
              title={
                <span>
                  {hallName(hall)}{" "}
                  <Tag color={hall.type === "self_run" ? "blue" : "gold"}>{t(`hallType.${hall.type}`)}</Tag>
                </span>
              }
              style={{ marginBottom: 16 }}
            >
              {/* Under the name, not beside it: beside, a phone has room for neither. */}
              {hall.address && <div style={{ color: "#64748b", marginBottom: 12 }}>{hall.address}</div>}
              <div style={tiles}>
                {perHall.map((s) => (
                  <ScreenTile key={s} screen={s} to={linkFor(s, hall)} />
                ))}
              </div>
            </Card>
          ))}
      </div>
    </StaffLayout>
  );
}

export default function HomePage() {
  return (
    <StaffGate screen="counter" allowAny>
      <Home />
    </StaffGate>
  );
}
