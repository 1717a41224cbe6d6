import { Card, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { may, useSession } from "../../api/session";
import { StaffGate } from "../../shell/Gate";
import { StaffLayout } from "../../shell/StaffLayout";
import { adminTabsFor } from "../../shell/screens";
import { AuditTab } from "./AuditTab";
import { CatalogTab } from "./CatalogTab";
import { CountersTab } from "./CountersTab";
import { DevicesTab } from "./DevicesTab";
import { HallsTab } from "./HallsTab";
import { PeakTab } from "./PeakTab";
import { SettingsTab } from "./SettingsTab";
import { TemplatesTab } from "./TemplatesTab";
import { UsersTab } from "./UsersTab";

function Admin() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = adminTabsFor(principal);
  const panes = {
    halls: <HallsTab />,
    counters: <CountersTab />,
    catalog: <CatalogTab />,
    users: <UsersTab />,
    devices: <DevicesTab />,
    // Peak settings live in the hall's settings, which only hall admins may change (PATCH /api/halls/:id).
    peak: <PeakTab canEdit={may(principal, "hall.admin")} />,
    settings: <SettingsTab />,
    templates: <TemplatesTab />,
    audit: <AuditTab />,
  };
  const active = tabs.find((k) => k === params.get("tab")) ?? tabs[0];
  return (
    <StaffLayout title={t("admin.title")}>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(k) =>
            setParams(
              (p) => {
                p.set("tab", k);
                return p;
              },
              { replace: true },
            )
          }
          destroyOnHidden
          items={tabs.map((k) => ({ key: k, label: t(`admin.tabs.${k}`), children: panes[k] }))}
        />
      </Card>
    </StaffLayout>
  );
}

export default function AdminPage() {
  return (
    <StaffGate screen="admin">
      <Admin />
    </StaffGate>
  );
}
