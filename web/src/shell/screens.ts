import type { Principal, Role } from "../api/types";

// Which screens each role works with. The server checks every request by capability (src/core/access.ts);
// this only decides what a person is offered, and mirrors those capabilities.
export type Screen =
  | "counter"
  | "floor"
  | "board"
  | "kiosk"
  | "display"
  | "pad"
  | "admin"
  | "field"
  | "fieldManage";

const screenRoles: Record<Screen, readonly Role[]> = {
  counter: ["counter_staff", "hall_manager", "area_manager", "operator_admin"],
  floor: ["consult_desk", "floor_staff", "hall_manager", "area_manager", "operator_admin"],
  board: ["hall_manager", "area_manager", "operator_admin", "inspector"],
  kiosk: ["consult_desk", "floor_staff", "hall_manager", "area_manager", "operator_admin"],
  display: ["hall_manager", "area_manager", "operator_admin", "consult_desk", "security"],
  pad: ["counter_staff", "hall_manager", "operator_admin"],
  admin: ["operator_admin", "area_manager", "hall_manager"],
  // Field CRM (issue 5): the agent's day on a phone; the area manager's view of agents and villages.
  field: ["rural_agent", "area_manager", "operator_admin"],
  fieldManage: ["area_manager", "operator_admin", "inspector"],
};

export function mayOpen(principal: Principal | null, screen: Screen): boolean {
  if (!principal) return false;
  if (principal.kind === "device") {
    return (
      (screen === "kiosk" || screen === "display" || screen === "pad") && principal.deviceKind === screen
    );
  }
  return screenRoles[screen].includes(principal.role as Role);
}

export const screensFor = (principal: Principal | null): Screen[] =>
  (Object.keys(screenRoles) as Screen[]).filter((s) => mayOpen(principal, s));

/** What the administration screen offers a role: everything for the operator, the hall's own for a manager. */
export function adminTabsFor(
  role: Role,
): ("halls" | "counters" | "catalog" | "users" | "devices" | "peak")[] {
  if (role === "operator_admin") return ["halls", "counters", "catalog", "users", "devices", "peak"];
  if (role === "area_manager") return ["halls", "counters", "devices", "peak"];
  return ["counters", "devices", "peak"];
}
