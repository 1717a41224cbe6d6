import { Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { useBusinessTypes, useHall, useLiveHall, useQueue } from "../../api/queries";
import type { Ticket, Visit } from "../../api/types";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { DivertSheet } from "./DivertSheet";
import { IssueSheet } from "./IssueSheet";
import { QueuePanel } from "./QueuePanel";
import { VisitPanel } from "./VisitPanel";

function Floor({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const hall = useHall(hallId);
  const queue = useQueue(hallId);
  const types = useBusinessTypes();
  const state = useLiveHall(hallId);
  const [visit, setVisit] = useState<Visit | null>(null);
  const [issueFor, setIssueFor] = useState<{ visitId: string | null } | null>(null);
  const [divert, setDivert] = useState<Ticket | null>(null);
  if (hall.error) return <ErrorState error={hall.error} />;
  if (!hall.data || !queue.data || !types.data) return <Loading />;
  return (
    <StaffLayout
      compact
      title={`${t("floor.title")} · ${hall.data.name}`}
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
            {
              key: "visit",
              label: t("floor.tabVisit"),
              children: (
                <VisitPanel
                  hallId={hallId}
                  visit={visit}
                  setVisit={setVisit}
                  onIssue={(visitId) => setIssueFor({ visitId })}
                />
              ),
            },
            {
              key: "queue",
              label: t("floor.tabQueue", { n: queue.data.waiting }),
              children: <QueuePanel hallId={hallId} queue={queue.data} onDivert={setDivert} />,
            },
          ]}
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
