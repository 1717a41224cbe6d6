import { AppError, forbidden, notFound } from "./errors.js";

// R-ROLE: each role is scoped to a hall, a region, or the whole operator.
export const roles = [
  "operator_admin",
  "area_manager",
  "hall_manager",
  "consult_desk",
  "floor_staff",
  "counter_staff",
  "security",
  "rural_agent",
  "inspector",
] as const;
export type Role = (typeof roles)[number];

export const roleScope: Record<Role, "operator" | "region" | "hall"> = {
  operator_admin: "operator",
  inspector: "operator",
  area_manager: "region",
  rural_agent: "region",
  hall_manager: "hall",
  consult_desk: "hall",
  floor_staff: "hall",
  counter_staff: "hall",
  security: "hall",
};

export type DeviceKind = "kiosk" | "display" | "pad";

export type Principal =
  | {
      kind: "user";
      id: string;
      username: string;
      displayName: string;
      role: Role;
      hallId: string | null;
      regionCode: string | null;
    }
  | { kind: "device"; id: string; deviceKind: DeviceKind; hallId: string; counterId: string | null };

// What each capability allows, for people and for devices. Routes ask for a capability, not a role list,
// so a new role or device kind is a change here only. A device gets what its screen shows and does, no
// more: the kiosk (取号机) issues tickets and shows how many wait, the display (叫号屏) the calls and the
// waiting counts, the pad (评价器) its own counter and the customer's rating of it.
const capabilities = {
  // The hall's name, hours and type, and the business catalog: every screen's header and tiles.
  "hall.read": { roles: [...roles], devices: ["kiosk", "display", "pad"] },
  // The counters with who works each: staff screens (the pad reads its own counter, counter.current).
  "counter.read": { roles: [...roles], devices: [] },
  "hall.admin": { roles: ["operator_admin", "area_manager"], devices: [] },
  "catalog.admin": { roles: ["operator_admin"], devices: [] },
  "counter.admin": { roles: ["operator_admin", "area_manager", "hall_manager"], devices: [] },
  "counter.operate": {
    roles: ["counter_staff", "hall_manager", "area_manager", "operator_admin"],
    devices: [],
  },
  "ticket.issue": {
    roles: ["consult_desk", "floor_staff", "counter_staff", "hall_manager", "area_manager", "operator_admin"],
    devices: ["kiosk"],
  },
  "ticket.floor": {
    roles: ["consult_desk", "floor_staff", "counter_staff", "hall_manager", "area_manager", "operator_admin"],
    devices: [],
  },
  // R-DIVERT (IP): guides and floor staff divert first, then security, then counter staff; a peak's
  // actions are recorded by the same people.
  "ticket.divert": {
    roles: [
      "consult_desk",
      "floor_staff",
      "security",
      "counter_staff",
      "hall_manager",
      "area_manager",
      "operator_admin",
    ],
    devices: [],
  },
  // The staff's picture of the hall: waiting tickets (masked phones), visits, appointments, stats, breaches.
  "queue.read": { roles: [...roles], devices: [] },
  // What a public screen shows: waiting per business type and the calls at the counters, no customer data.
  "queue.board": { roles: [...roles], devices: ["kiosk", "display"] },
  // A counter's present service: who serves there and the ticket at it (the pad: its own counter only).
  "counter.current": { roles: [...roles], devices: ["pad"] },
  // The hall's live events; a device's stream carries only what its screen needs (queue/board.ts).
  "events.read": { roles: [...roles], devices: ["display", "pad", "kiosk"] },
  // R-EVAL: the customer rates on the pad of the counter that served them; staff never rate for them.
  "evaluation.submit": { roles: [], devices: ["pad"] },
  "phone.unmask": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // R-PRIVACY: the audit log of reads and unmaskings is the operator admin's to review.
  "audit.read": { roles: ["operator_admin"], devices: [] },
  // Issue 16: the operator-wide defaults every region and hall inherits (a region's are hall.admin's).
  "settings.operator": { roles: ["operator_admin"], devices: [] },
  // R-NOTIFY: the wording of the customer messages is the operator's.
  "templates.admin": { roles: ["operator_admin"], devices: [] },
  "device.admin": { roles: ["operator_admin", "area_manager", "hall_manager"], devices: [] },
  "user.admin": { roles: ["operator_admin"], devices: [] },
  "peak.admin": { roles: ["operator_admin", "area_manager", "hall_manager"], devices: [] },
  "calendar.read": { roles: [...roles], devices: [] },
  "calendar.admin": { roles: ["operator_admin"], devices: [] },
  // Complaints (投诉): recorded by whoever serves the customer; managers may act on others' complaints.
  "complaint.record": {
    roles: [
      "consult_desk",
      "floor_staff",
      "counter_staff",
      "hall_manager",
      "area_manager",
      "operator_admin",
      "rural_agent",
    ],
    devices: [],
  },
  "complaint.read": {
    roles: [
      "consult_desk",
      "floor_staff",
      "counter_staff",
      "hall_manager",
      "area_manager",
      "operator_admin",
      "rural_agent",
      "inspector",
    ],
    devices: [],
  },
  "complaint.manage": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // 工单: the back-office departments work the orders (the region and the operator in this model).
  "workOrder.handle": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  "fault.record": {
    roles: [
      "rural_agent",
      "consult_desk",
      "floor_staff",
      "counter_staff",
      "hall_manager",
      "area_manager",
      "operator_admin",
    ],
    devices: [],
  },
  "fault.read": {
    roles: [
      "rural_agent",
      "consult_desk",
      "floor_staff",
      "counter_staff",
      "hall_manager",
      "area_manager",
      "operator_admin",
      "inspector",
    ],
    devices: [],
  },
  // Field CRM (R-CUST … R-INTEL): agents and area managers within their region, the operator everywhere.
  "field.read": { roles: ["rural_agent", "area_manager", "operator_admin", "inspector"], devices: [] },
  "field.write": { roles: ["rural_agent", "area_manager", "operator_admin"], devices: [] },
  "field.manage": { roles: ["area_manager", "operator_admin"], devices: [] },
  // The visit cadence is operator-wide (拜访周期): only the operator's administrator sets it.
  "field.cadence": { roles: ["operator_admin"], devices: [] },
  "field.unmask": { roles: ["rural_agent", "area_manager", "operator_admin"], devices: [] },
  // 排班 (R-ROSTER): the staffing models are the managers' planning tools.
  "staffing.read": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // Staff records, shift templates, forecast overrides, generating, editing and publishing rosters.
  "staffing.manage": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // A person's own published shifts on the phone, and asking a colleague to swap one (换班).
  "staffing.myShifts": {
    roles: ["hall_manager", "consult_desk", "floor_staff", "counter_staff", "security"],
    devices: [],
  },
  // R-KPI: the satisfaction KPI of a scope (a hall's manager their hall, an area manager their region).
  "quality.kpi": { roles: ["hall_manager", "area_manager", "operator_admin", "inspector"], devices: [] },
  // R-EVAL roll-ups of a hall's pad ratings, per counter and person: its managers and the inspectors.
  "quality.ratings": { roles: ["hall_manager", "area_manager", "operator_admin", "inspector"], devices: [] },
  // One's own ratings (我的评价): the people customers rate; nobody sees a colleague's.
  "quality.myRatings": {
    roles: ["counter_staff", "consult_desk", "floor_staff", "hall_manager"],
    devices: [],
  },
  // The survey firm's files and the KPI's weights, target and colours are the operator's.
  "quality.survey": { roles: ["operator_admin"], devices: [] },
  // R-MYSTERY: inspections and their checklists. Inspectors inspect the halls assigned to them; area
  // managers and the operator assign (and may inspect openly themselves); a hall's manager reads its own.
  "quality.inspections": {
    roles: ["hall_manager", "area_manager", "operator_admin", "inspector"],
    devices: [],
  },
  "quality.inspect": { roles: ["inspector", "area_manager", "operator_admin"], devices: [] },
  "quality.assign": { roles: ["area_manager", "operator_admin"], devices: [] },
  "quality.checklistAdmin": { roles: ["operator_admin"], devices: [] },
  // Inspection scores against the KPI across a region's halls (contradiction 2 of the improvement plans).
  "quality.alignment": { roles: ["area_manager", "operator_admin", "inspector"], devices: [] },
  // R-STAFFSAT: the staff pulse, answered anonymously by a hall's own people; read by its managers.
  "quality.pulse": {
    roles: ["counter_staff", "consult_desk", "floor_staff", "security", "hall_manager"],
    devices: [],
  },
  "quality.pulseResults": {
    roles: ["hall_manager", "area_manager", "operator_admin", "inspector"],
    devices: [],
  },
  // R-SHORTBOARD: improvement plans for a scope's short boards, made by its managers.
  "quality.plan": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // Reports (issue 15): a hall's manager their hall, an area manager their region, the operator's people
  // all; recomputing a closed day is the area manager's and the operator's.
  "reports.read": { roles: ["hall_manager", "area_manager", "operator_admin", "inspector"], devices: [] },
  "reports.recompute": { roles: ["area_manager", "operator_admin"], devices: [] },
  // R-CAMPAIGN: every hall's people read the campaigns in force (the counter's talking points); the
  // managers plan them for their scope, and an area manager or the operator approves them.
  "campaign.read": { roles: [...roles], devices: [] },
  "campaign.manage": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  "campaign.approve": { roles: ["area_manager", "operator_admin"], devices: [] },
  // R-SITE: the hall's people see its opening checks and tasks and walk the floor for them; the managers
  // hand tasks on. Anyone in the hall records an emergency (突发事件) as it happens; a manager closes it.
  "site.read": { roles: [...roles.filter((r) => r !== "rural_agent")], devices: [] },
  "site.check": {
    roles: ["hall_manager", "consult_desk", "floor_staff", "security", "area_manager", "operator_admin"],
    devices: [],
  },
  "site.manage": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  "incident.read": { roles: [...roles.filter((r) => r !== "rural_agent")], devices: [] },
  "incident.record": {
    roles: [
      "hall_manager",
      "consult_desk",
      "floor_staff",
      "counter_staff",
      "security",
      "area_manager",
      "operator_admin",
    ],
    devices: [],
  },
  "incident.close": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // R-MEET: the hall's people read its pre-shift meetings and confirm the notices; the managers hold them.
  "meeting.read": { roles: [...roles.filter((r) => r !== "rural_agent")], devices: [] },
  "meeting.manage": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  // R-TRAIN: the hall's people take tests on their phone; managers set tests, read the analysis and the
  // plans of their scope; the question bank is the area managers' and the operator's.
  "training.read": { roles: [...roles.filter((r) => r !== "rural_agent")], devices: [] },
  "training.take": {
    roles: ["hall_manager", "consult_desk", "floor_staff", "counter_staff", "security"],
    devices: [],
  },
  "training.manage": { roles: ["hall_manager", "area_manager", "operator_admin"], devices: [] },
  "training.bank": { roles: ["area_manager", "operator_admin"], devices: [] },
  // SLA compliance (R-CMP-SLA): the managers' and the inspectors' report, not the front line's.
  "complaint.sla": { roles: ["hall_manager", "area_manager", "operator_admin", "inspector"], devices: [] },
  // The screens the web app offers a person. No route asks for these (each request a screen makes is
  // checked by the capabilities above); they are here so the browser keeps no role list of its own.
  // Security sees the floor's queue to divert from it (R-DIVERT), nothing else of the floor's work.
  "screen.floor": {
    roles: ["consult_desk", "floor_staff", "security", "hall_manager", "area_manager", "operator_admin"],
    devices: [],
  },
  "screen.kiosk": {
    roles: ["consult_desk", "floor_staff", "hall_manager", "area_manager", "operator_admin"],
    devices: ["kiosk"],
  },
  "screen.board": { roles: ["hall_manager", "area_manager", "operator_admin", "inspector"], devices: [] },
  "screen.display": {
    roles: ["hall_manager", "area_manager", "operator_admin", "consult_desk", "security"],
    devices: ["display"],
  },
  "screen.fieldManage": { roles: ["area_manager", "operator_admin", "inspector"], devices: [] },
} satisfies Record<string, { roles: readonly Role[]; devices: readonly DeviceKind[] }>;

export type Capability = keyof typeof capabilities;

export function can(principal: Principal, capability: Capability): boolean {
  const rule = capabilities[capability];
  if (principal.kind === "device")
    return (rule.devices as readonly DeviceKind[]).includes(principal.deviceKind);
  return (rule.roles as readonly Role[]).includes(principal.role);
}

export const capabilityNames = Object.keys(capabilities) as Capability[];

/** Every capability the principal has, in the table's order: what GET /api/auth/me tells the browser. */
export function capabilitiesOf(principal: Principal): Capability[] {
  return capabilityNames.filter((c) => can(principal, c));
}

/** Whether the principal's scope covers a hall (by its id and region). */
export function coversHall(principal: Principal, hall: { id: string; regionCode: string }): boolean {
  if (principal.kind === "device") return principal.hallId === hall.id;
  switch (roleScope[principal.role]) {
    case "operator":
      return true;
    case "region":
      return principal.regionCode === hall.regionCode;
    case "hall":
      return principal.hallId === hall.id;
  }
}

/** The halls a principal's scope covers, as a filter: one hall, a region's halls, or (both null) all. */
export type Scope = { hallId: string | null; regionCode: string | null };

/** coversHall as a filter; null when the scope covers no hall (a hall-scoped user with no hall). */
export function scopeOf(principal: Principal): Scope | null {
  if (principal.kind === "device") return { hallId: principal.hallId, regionCode: null };
  switch (roleScope[principal.role]) {
    case "operator":
      return { hallId: null, regionCode: null };
    case "region":
      return principal.regionCode ? { hallId: null, regionCode: principal.regionCode } : null;
    case "hall":
      return principal.hallId ? { hallId: principal.hallId, regionCode: null } : null;
  }
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new AppError("unauthenticated", "Sign in or present a token");
  return principal;
}

/** The first line of every guarded route: who is asking, may they do this, and here? */
export function authorize(
  principal: Principal | undefined,
  capability: Capability,
  hall?: { id: string; regionCode: string },
): Principal {
  const p = requirePrincipal(principal);
  if (!can(p, capability)) throw forbidden();
  if (hall && !coversHall(p, hall)) throw forbidden("This hall is outside your scope");
  return p;
}

/**
 * A record a request names by id in its body or query (a staff member, a visit, a prior complaint …).
 * One the caller may not see is answered as one that does not exist (404), so ids of other halls and
 * regions tell nothing. `find` may return null or throw not_found itself.
 */
export async function referenced<T>(
  what: string,
  find: () => Promise<T | null | undefined>,
  visible: (row: T) => boolean = () => true,
): Promise<T> {
  const row = await find().catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (row === null || row === undefined || !visible(row)) throw notFound(what);
  return row;
}

/** A named record that exists (and may be seen) but does not belong where the request puts it: 422. */
export function mustBelong(ok: boolean, message: string, details?: unknown): asserts ok {
  if (!ok) throw new AppError("rule_violation", message, details);
}

export function userOf(principal: Principal): string | null {
  return principal.kind === "user" ? principal.id : null;
}

// R-PRIVACY: 13812341234 → 138****1234.
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;
}
