import { useQuery } from "@tanstack/react-query";
import { Tabs } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { may, useSession } from "../../../api/session";
import { StaffGate } from "../../../shell/Gate";
import { useLocalNames } from "../../../shell/names";
import { StaffLayout } from "../../../shell/StaffLayout";
import { AlignmentTab } from "./AlignmentTab";
import { ChecklistsTab } from "./ChecklistsTab";
import { type FormTarget, InspectionForm } from "./InspectionForm";
import { RecordsTab } from "./RecordsTab";
import { TasksTab } from "./TasksTab";

// 检查与暗访 (R-MYSTERY): tasks to do on a phone, the records, the checklists and their alignment with
// what customers say. Which tabs show follows the capabilities the server sent.
function Inspections() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const { hallName } = useLocalNames();
  const hallsQuery = useQuery({
    queryKey: ["halls"],
    queryFn: async () => unwrap(await api.GET("/api/halls")),
  });
  const halls = useMemo(
    () => (hallsQuery.data ?? []).map((h) => ({ id: h.id, name: hallName(h), regionCode: h.regionCode })),
    [hallsQuery.data, hallName],
  );
  const regions = useMemo(() => [...new Set(halls.map((h) => h.regionCode))].sort(), [halls]);
  const [target, setTarget] = useState<FormTarget | null>(null);
  const items = [
    {
      key: "tasks",
      label: t("inspection.tabs.tasks"),
      children: <TasksTab halls={halls} onStart={setTarget} />,
    },
    { key: "records", label: t("inspection.tabs.records"), children: <RecordsTab halls={halls} /> },
    { key: "checklists", label: t("inspection.tabs.checklists"), children: <ChecklistsTab /> },
    ...(may(principal, "quality.alignment")
      ? [
          {
            key: "alignment",
            label: t("inspection.tabs.alignment"),
            children: <AlignmentTab regions={regions} />,
          },
        ]
      : []),
  ];
  return (
    <StaffLayout title={t("inspection.title")}>
      <Tabs items={items} destroyOnHidden />
      <InspectionForm target={target} halls={halls} onClose={() => setTarget(null)} />
    </StaffLayout>
  );
}

export default function InspectionsPage() {
  return (
    <StaffGate screen="inspections">
      <Inspections />
    </StaffGate>
  );
}
