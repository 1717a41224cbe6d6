import { useQuery } from "@tanstack/react-query";
import { Tabs, Tag } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { useBusinessTypes, useHall, useLiveHall, useQueue } from "../../api/queries";
import { may, useSession } from "../../api/session";
import type { Journey, Ticket } from "../../api/types";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { DeskLookup } from "./DeskLookup";
import { DivertSheet } from "./DivertSheet";
import { IssueSheet } from "./IssueSheet";
import { JourneyPanel } from "./JourneyPanel";
import { QueuePanel } from "./QueuePanel";

// A reception the staff member ended here without a farewell is not brought back by a reload.
const dismissedKey = (hallId: string) => `tingwu.floor.dismissed.${hallId}`;
const dismissed = (hallId: string) => {
  try {
    return sessionStorage.getItem(dismissedKey(hallId));
  } catch {
    return null;
  }
};

/**
 * The journey being received: restored from the server once after a (re)load — the caller's reception
 * in progress (GET …/visits/current) — then kept here as the staff member works.
 */
function useReception(hallId: string) {
  const [journey, setJourney] = useState<Journey | null>(null);
  const restored = useRef(false);
  const current = useQuery({
    queryKey: ["reception", hallId],
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/visits/current", { params: { path: { hallId } } })),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  useEffect(() => {
    if (restored.current || !current.data) return;
    restored.current = true;
    const v = current.data.visit;
    if (v && v.id !== dismissed(hallId)) setJourney((now) => now ?? v);
  }, [current.data, hallId]);
  const set = (v: Journey | null) => {
    restored.current = true;
    if (!v && journey) {
      try {
        sessionStorage.setItem(dismissedKey(hallId), journey.id);
      } catch {
        // storage blocked: a reload may bring the reception back
      }
    }
    setJourney(v);
  };
  return [journey, set] as const;
}

function Floor({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { hallName } = useLocalNames();
  const hall = useHall(hallId);
  const queue = useQueue(hallId);
  const types = useBusinessTypes();
  const state = useLiveHall(hallId);
  const [journey, setJourney] = useReception(hallId);
  const [issueFor, setIssueFor] = useState<{ visitId: string | null } | null>(null);
  const [divert, setDivert] = useState<Ticket | null>(null);
  // Security diverts from the queue (R-DIVERT) and does no other floor work: the server says which.
  const floorWork = may(useSession().principal, "ticket.floor");
  if (hall.error) return <ErrorState error={hall.error} />;
  if (!hall.data || !queue.data || !types.data) return <Loading />;
  return (
    <StaffLayout
      compact
      title={`${t("floor.title")} · ${hallName(hall.data)}`}
      extra={
        <Tag color={state === "open" ? "green" : "orange"} style={{ marginInlineEnd: 0 }}>
          {t("floor.waitingNow", { n: queue.data.waiting })}
        </Tag>
      }
    >
      <div style={{ maxWidth: 560, margin: "0 auto" }}>
        <Tabs
          centered
          size="large"
          items={[
            floorWork && {
              key: "visit",
              label: t("floor.tabVisit"),
              children: (
                <JourneyPanel
                  hallId={hallId}
                  journey={journey}
                  setJourney={setJourney}
                  onIssue={(visitId) => setIssueFor({ visitId })}
                />
              ),
            },
            {
              key: "queue",
              label: t("floor.tabQueue", { n: queue.data.waiting }),
              children: (
                <QueuePanel hallId={hallId} queue={queue.data} onDivert={setDivert} floorWork={floorWork} />
              ),
            },
            floorWork && {
              key: "lookup",
              label: t("floor.tabLookup"),
              children: <DeskLookup hall={hall.data} types={types.data} />,
            },
          ].filter((item) => item !== false)}
        />
      </div>
      <IssueSheet
        hall={hall.data}
        types={types.data}
        visitId={issueFor?.visitId ?? null}
        open={!!issueFor}
        onClose={() => setIssueFor(null)}
      />
      <DivertSheet hallId={hallId} ticket={divert} onClose={() => setDivert(null)} />
    </StaffLayout>
  );
}

export default function FloorPage() {
  const { hallId = "" } = useParams();
  return (
    <StaffGate screen="floor">
      <Floor hallId={hallId} />
    </StaffGate>
  );
}
