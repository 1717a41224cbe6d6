import { may } from "../api/session";
import type { Capability, Principal } from "../api/types";

// Which screens a person is offered, by the capability each asks of them (src/core/access.ts, sent by
// GET /api/auth/me). The server checks every request the screen makes; this keeps no role list.
export type Screen =
  | "counter"
  | "floor"
  | "board"
  | "kiosk"
  | "display"
  | "pad"
  | "admin"
  | "field"
  | "fieldManage"
  | "staffing"
  | "myShifts"
  | "quality"
  | "inspections"
  | "myRatings"
  | "pulse"
  | "reports"
  | "campaigns"
  | "site"
  | "meetings"
  | "training";

const screenCapability: Record<Screen, Capability | null> = {
  counter: "counter.operate",
  floor: "screen.floor",
  board: "screen.board",
  kiosk: "screen.kiosk",
  display: "screen.display",
  // The pad is the customer's: only its device token opens it (staff may not rate, access.ts).
  pad: null,
  admin: "counter.admin",
  // Field CRM (issue 5): the agent's day on a phone; the area manager's view of agents and villages.
  field: "field.write",
  fieldManage: "screen.fieldManage",
  // 排班 (R-ROSTER): the managers' forecast, plan and roster; each person's own shifts on the phone.
  staffing: "staffing.read",
  myShifts: "staffing.myShifts",
  // 满意度 (R-KPI): the survey KPI of the person's scope.
  quality: "quality.kpi",
  // 检查与暗访 (R-MYSTERY): inspections, their tasks and checklists.
  inspections: "quality.inspections",
  // 我的评价 (R-EVAL): one's own ratings.
  myRatings: "quality.myRatings",
  // 员工满意度 (R-STAFFSAT): the anonymous pulse.
  pulse: "quality.pulse",
  // 报表 (issue 15): a scope's figures by period.
  reports: "reports.read",
  // 营销活动日历 (R-CAMPAIGN): every hall's people read it; managers plan and approve there.
  campaigns: "campaign.read",
  // 现场检查 (R-SITE): the opening check, its tasks and the hall's incidents.
  site: "site.read",
  // 班前例会 (R-MEET): the day's meeting; staff confirm its notices on their phone.
  meetings: "meeting.read",
  // 培训与测试 (R-TRAIN): one's tests; the managers' tests, bank and plans.
  training: "training.read",
};

export function mayOpen(principal: Principal | null, screen: Screen): boolean {
  if (!principal) return false;
  if (principal.kind === "device") {
    return (
      (screen === "kiosk" || screen === "display" || screen === "pad") && principal.deviceKind === screen
    );
  }
  const capability = screenCapability[screen];
  return capability !== null && may(principal, capability);
}

export const screensFor = (principal: Principal | null): Screen[] =>
  (Object.keys(screenCapability) as Screen[]).filter((s) => mayOpen(principal, s));

export type AdminTab =
  | "halls"
  | "counters"
  | "catalog"
  | "users"
  | "devices"
  | "peak"
  | "settings"
  | "templates"
  | "audit";
const adminTabCapability: Record<AdminTab, Capability> = {
  halls: "hall.admin",
  counters: "counter.admin",
  catalog: "catalog.admin",
  users: "user.admin",
  devices: "device.admin",
  peak: "peak.admin",
  settings: "hall.admin",
  templates: "templates.admin",
  audit: "audit.read",
};

/** What the administration screen offers: a tab for each administration the principal may do. */
export const adminTabsFor = (principal: Principal | null): AdminTab[] =>
  (Object.keys(adminTabCapability) as AdminTab[]).filter((tab) => may(principal, adminTabCapability[tab]));
