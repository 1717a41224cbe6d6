import { TeamOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { SLOW_READ_MS } from "../../api/queries";
import { may, useSession } from "../../api/session";
import { Row, Rows } from "../../shell/Rows";

/**
 * 排班 (R-ROSTER) on the board: the counters this half hour's roster plans, those open, and how many more
 * to open — the peak warning's "open counters" action in numbers. Read on the slow timer and again when the
 * number of open counters changes; shown to those who may read staffing (the server decides who).
 */
export function StaffingNow({ hallId, openCounters }: { hallId: string; openCounters: number }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const allowed = may(principal, "staffing.read");
  const now = useQuery({
    queryKey: ["staffing", "now", hallId, openCounters],
    enabled: allowed,
    refetchInterval: SLOW_READ_MS,
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/staffing/now", { params: { path: { hallId } } })),
  });
  const n = now.data;
  if (!allowed || !n || n.planned === 0) return null;
  return (
    <Rows label={t("board.staffingTitle")}>
      <Row
        tone={n.toOpen > 0 ? "warn" : undefined}
        title={
          <>
            <TeamOutlined aria-hidden />{" "}
            {n.toOpen > 0 ? t("board.staffingOpen", { n: n.toOpen }) : t("board.staffingOk")}
          </>
        }
        description={t("board.staffingPlan", { planned: n.planned, open: n.open })}
      />
    </Rows>
  );
}
