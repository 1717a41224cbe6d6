import { useQuery } from "@tanstack/react-query";
import { Empty, Select, Space } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { useKpi, useKpiSettings } from "./api";
import { CertificationCard } from "./CertificationCard";
import { KpiView } from "./KpiView";
import { PulseCard } from "./PulseCard";
import { RatingsCard } from "./RatingsCard";
import { ShortBoardsCard } from "./ShortBoardsCard";
import { SurveyImportCard } from "./SurveyImport";
import { TrendCard } from "./TrendCard";

// 满意度 (R-KPI): the survey KPI of the scopes a person covers — the operator's, a region's, a hall's —
// and, for the operator's administrator, the survey firm's files.
function Quality() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const { hallName } = useLocalNames();
  const halls = useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });
  const [scope, setScope] = useState<string>();
  const [period, setPeriod] = useState<string>();
  const kpi = useKpi(scope, period);
  const settings = useKpiSettings();
  const user = principal?.kind === "user" ? principal : null;
  // The scopes offered: what the halls list (already scoped by the server) spans, and the operator's
  // own figure for a person of no hall or region.
  const scopes = useMemo(() => {
    const list = halls.data ?? [];
    const regions = [...new Set(list.map((h) => h.regionCode))].sort();
    return [
      ...(user && !user.hallId && !user.regionCode
        ? [{ value: "operator", label: t("quality.scopeOperator") }]
        : []),
      ...(user?.hallId
        ? []
        : regions.map((r) => ({ value: `region:${r}`, label: t("quality.scopeRegion", { code: r }) }))),
      ...list.map((h) => ({ value: `hall:${h.id}`, label: hallName(h) })),
    ];
  }, [halls.data, user, t, hallName]);

  // The pad's ratings are a hall's: shown when a hall is the scope (a hall manager's own by default).
  // The scope shown: the one picked, else the person's own (as the server takes it when none is named).
  const shownScope =
    scope ??
    kpi.data?.scope ??
    (user?.hallId ? `hall:${user.hallId}` : user?.regionCode ? `region:${user.regionCode}` : "operator");
  const shownHall = shownScope?.startsWith("hall:") ? shownScope.slice("hall:".length) : undefined;
  return (
    <StaffLayout title={t("quality.title")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Space wrap>
          <span>{t("quality.scope")}</span>
          <Select
            aria-label={t("quality.scope")}
            style={{ minWidth: 220 }}
            value={shownScope}
            options={scopes}
            onChange={(v) => {
              setScope(v);
              setPeriod(undefined);
            }}
          />
          <span>{t("quality.period")}</span>
          <Select
            aria-label={t("quality.period")}
            style={{ minWidth: 120 }}
            value={period ?? kpi.data?.period}
            options={(kpi.data?.periods ?? []).map((p) => ({ value: p, label: p }))}
            onChange={setPeriod}
          />
        </Space>
        {kpi.error ? (
          <ErrorState error={kpi.error} />
        ) : kpi.isLoading ? (
          <Loading />
        ) : kpi.data ? (
          <KpiView kpi={kpi.data} settings={settings.data} />
        ) : (
          <Empty description={t("quality.empty")}>
            <span style={{ color: "#64748b" }}>{t("quality.emptyHint")}</span>
          </Empty>
        )}
        {kpi.data && <TrendCard scope={shownScope} />}
        {kpi.data && <ShortBoardsCard scope={shownScope} period={period ?? kpi.data.period} />}
        {principal && may(principal, "quality.ratings") && shownHall && <RatingsCard hallId={shownHall} />}
        {principal && may(principal, "quality.pulseResults") && shownHall && <PulseCard hallId={shownHall} />}
        <CertificationCard />
        {principal && may(principal, "quality.survey") && <SurveyImportCard />}
      </Space>
    </StaffLayout>
  );
}

export default function QualityPage() {
  return (
    <StaffGate screen="quality">
      <Quality />
    </StaffGate>
  );
}
