import { App as AntApp, Card, Space, Tag } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { HallEvent } from "../../api/events";
import {
  useBreaches,
  useCounters,
  useHall,
  useJourneys,
  useLiveHall,
  useQueue,
  useStats,
} from "../../api/queries";
import { may, useSession } from "../../api/session";
import { useTypeName } from "../../shell/catalog";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { ArrivalsChart } from "./ArrivalsChart";
import "./board.css";
import { Kpis } from "./Kpis";
import { BreachList, PeakPanel } from "./Panels";
import { CounterTable, JourneysTable } from "./Tables";

const MID = 420;
const BOTTOM = 400;

function Board({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { notification } = AntApp.useApp();
  const { principal } = useSession();
  const typeName = useTypeName();
  const { hallName } = useLocalNames();
  const hall = useHall(hallId);
  const counters = useCounters(hallId);
  const queue = useQueue(hallId);
  const stats = useStats(hallId);
  const breaches = useBreaches(hallId);
  const journeys = useJourneys(hallId);
  const state = useLiveHall(hallId, (e: HallEvent) => {
    if (e.type !== "limit.breached") return;
    // A late greeting (Z1) names no ticket; waits and handling name the ticket and its type.
    const d = e.data as { kind: "wait" | "handling" | "greeting"; number?: string; businessType?: string };
    notification.warning({
      title: d.number ? `${t(`breach.${d.kind}`)} · ${d.number}` : t(`breach.${d.kind}`),
      description: d.businessType ? typeName(d.businessType) : t("board.atEntry"),
      placement: "bottomRight",
    });
  });
  if (hall.error) return <ErrorState error={hall.error} />;
  if (!hall.data || !queue.data) return <Loading />;
  return (
    <StaffLayout
      title={`${t("board.title")} · ${hallName(hall.data)}`}
      extra={
        <Space>
          {may(principal, "reports.read") && (
            <Link to={`/reports?scope=hall:${hallId}&period=day:${dayjs().format("YYYY-MM-DD")}`}>
              {t("board.reports")}
            </Link>
          )}
          <Tag color={state === "open" ? "green" : "orange"}>
            {state === "open" ? t("state.live") : t("state.reconnecting")}
          </Tag>
        </Space>
      }
    >
      <div className="board">
        <Kpis queue={queue.data} stats={stats.data} />
        <div className="board-row board-row-mid">
          <PeakPanel hallId={hallId} queue={queue.data} height={MID} />
          <BreachList breaches={breaches.data ?? []} height={MID} />
          <CounterTable stats={stats.data} queue={queue.data} counters={counters.data ?? []} height={MID} />
        </div>
        <div className="board-row board-row-bottom">
          <Card size="small" title={t("board.chartTitle")} style={{ height: BOTTOM }}>
            {stats.data && <ArrivalsChart stats={stats.data} height={BOTTOM - 70} />}
          </Card>
          <JourneysTable journeys={journeys.data ?? []} height={BOTTOM} />
        </div>
      </div>
    </StaffLayout>
  );
}

export default function BoardPage() {
  const { hallId = "" } = useParams();
  return (
    <StaffGate screen="board">
      <Board hallId={hallId} />
    </StaffGate>
  );
}
