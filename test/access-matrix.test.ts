import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { STARTER_CHECKLISTS } from "../src/features/quality/checklist-starters.js";
import { buildTestApp, deviceToken, type TestApp } from "./helpers.js";
import { label, type Operation, operationsOf, sample, sampleChange } from "./openapi.js";

// Every operation of the OpenAPI document, called by every kind of principal: no one, each demo role,
// the kiosk, display and pads of the hall, and people and devices of another hall and another region.
// Who may call what is written below from the spec (R-ROLE) and from what each screen needs — not read
// from src/core/access.ts — so a route that forgets its check, or a capability that grants too much,
// fails here. A route the table does not name fails too: a new route must say who may call it.

type Who =
  | "anonymous"
  | "admin"
  | "inspector"
  | "area"
  | "agent"
  | "manager"
  | "desk"
  | "floor"
  | "counter1"
  | "security"
  | "kiosk"
  | "display"
  | "pad1"
  | "pad2"
  | "coop"
  | "coopKiosk"
  | "coopDisplay"
  | "areaXh"
  | "agentXh"
  | "managerXh";

// The people and devices of hall A (陆家嘴, region SH-PD), and those whose scope covers it.
const hallAStaff: Who[] = ["manager", "desk", "floor", "counter1", "security"];
const overHallA: Who[] = ["admin", "inspector", "area", "agent"]; // operator-wide, or region SH-PD
// R-ROLE: every role reads the halls its scope covers (the live queue, visits, stats …).
const seesHallA: Who[] = [...overHallA, ...hallAStaff];
// Who hands out tickets and works the floor: the consult desk, the floor, counters and managers.
const floorOfA: Who[] = ["desk", "floor", "counter1", "manager", "area", "admin"];
// Who works a counter: counter staff and the managers above them.
const countersOfA: Who[] = ["counter1", "manager", "area", "admin"];
// Who manages hall A: its manager, the area manager of its region, the operator's admin.
const managersOfA: Who[] = ["manager", "area", "admin"];
const people: Who[] = [...seesHallA, "coop", "areaXh", "agentXh", "managerXh"];
const signedIn: Who[] = [...people, "kiosk", "display", "pad1", "pad2", "coopKiosk", "coopDisplay"];
// Complaints (R-FIRST, R-CMP): recorded by whoever serves the customer; inspectors read them.
const recorders: Who[] = ["desk", "floor", "counter1", "manager", "area", "admin", "agent"];
const recordersAnywhere: Who[] = [...recorders, "coop", "areaXh", "agentXh", "managerXh"];
const readersAnywhere: Who[] = [...recordersAnywhere, "inspector"];
const departments: Who[] = ["manager", "area", "admin", "coop", "areaXh", "managerXh"];
// Field CRM (R-CUST … R-INTEL), data of region SH-PD: its agent and area manager, the operator.
const fieldReadPD: Who[] = ["agent", "area", "admin", "inspector"];
const fieldWritePD: Who[] = ["agent", "area", "admin"];
const fieldManagePD: Who[] = ["area", "admin"];
const fieldAnywhere: Who[] = [...fieldReadPD, "agentXh", "areaXh"];
// R-SITE: hall A's people and everyone over it but the rural agents; the managers of other halls and regions.
const siteReadersA: Who[] = ["admin", "inspector", "area", ...hallAStaff];
const otherDepartments: Who[] = ["coop", "areaXh", "managerXh"];
const owner: Who = "counter1"; // who recorded the complaint and the fault below (首问负责制)

/**
 * Who may call each operation (METHOD path as in the OpenAPI document). "public": anyone, signed in or
 * not. `unseen`: those who may do this in their own scope, but whose request here names a record of
 * another scope in its body: that record is unknown to them (404), as an id that does not exist.
 */
type Rule = Who[] | "public" | { may: Who[]; unseen: Who[] };
const mayCall: Record<string, Rule> = {
  // Signing in and the public pages (a customer picking a hall, a remote ticket).
  "GET /api/health": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/token": "public",
  "GET /api/auth/me": signedIn,
  // One's own password: a person's, never a device's.
  "POST /api/auth/password": people,
  "GET /api/sign-in-locks": ["admin"],
  // R-ROSTER: the staffing models are the managers' planning tools, any hall's or region's.
  "GET /api/staffing/erlang": departments,
  "GET /api/staffing/required": departments,
  "POST /api/staffing/simulate": departments,
  "POST /api/staffing/plan": departments,
  "POST /api/staffing/cover": departments,
  // R-ROSTER: a hall's forecast, staff, templates and rosters are its managers'; a manager of another
  // hall or region does not see them (404). An unknown swap is any manager's 404.
  "GET /api/halls/{hallId}/staffing/forecast": managersOfA,
  "PUT /api/halls/{hallId}/staffing/forecast": managersOfA,
  "GET /api/halls/{hallId}/staffing/accuracy": managersOfA,
  "GET /api/halls/{hallId}/staffing/now": managersOfA,
  "GET /api/halls/{hallId}/staff": managersOfA,
  "GET /api/halls/{hallId}/staff/accounts": managersOfA,
  "POST /api/halls/{hallId}/staff": managersOfA,
  "PATCH /api/staff/{staffId}": { may: managersOfA, unseen: ["coop", "areaXh", "managerXh"] },
  "POST /api/staff/{staffId}/absences": { may: managersOfA, unseen: ["coop", "areaXh", "managerXh"] },
  "DELETE /api/staff/{staffId}/absences/{absenceId}": {
    may: managersOfA,
    unseen: ["coop", "areaXh", "managerXh"],
  },
  "GET /api/halls/{hallId}/staffing/swaps": managersOfA,
  "GET /api/halls/{hallId}/shift-templates": managersOfA,
  "POST /api/halls/{hallId}/shift-templates": managersOfA,
  "POST /api/halls/{hallId}/rosters": managersOfA,
  "GET /api/halls/{hallId}/rosters": managersOfA,
  "GET /api/rosters/{rosterId}": { may: managersOfA, unseen: ["coop", "areaXh", "managerXh"] },
  "POST /api/rosters/{rosterId}/shifts": { may: managersOfA, unseen: ["coop", "areaXh", "managerXh"] },
  "DELETE /api/rosters/{rosterId}/shifts/{shiftId}": {
    may: managersOfA,
    unseen: ["coop", "areaXh", "managerXh"],
  },
  "POST /api/rosters/{rosterId}/publish": { may: managersOfA, unseen: ["coop", "areaXh", "managerXh"] },
  "POST /api/staffing/swaps/{swapId}/decision": departments,
  // A person's own shifts on the phone, and asking to swap one: the hall's front line and its manager.
  "GET /api/staffing/my-shifts": [...hallAStaff, "coop", "managerXh"],
  "POST /api/staffing/swaps": [...hallAStaff, "coop", "managerXh"],
  "POST /api/sign-in-locks/{lockId}/lift": ["admin"],
  "GET /api/public/halls": "public",
  "POST /api/public/halls/{hallId}/tickets": "public",
  // Accounts are the operator's; devices are issued by those who manage the hall.
  "GET /api/users": ["admin"],
  "POST /api/users": ["admin"],
  "PATCH /api/users/{userId}": ["admin"],
  "GET /api/halls/{hallId}/devices": managersOfA,
  "POST /api/halls/{hallId}/devices": managersOfA,
  "POST /api/halls/{hallId}/devices/{deviceId}/revoke": managersOfA,
  // Halls and the catalog: every screen's header (the kiosk, the display and the pads of the hall too).
  "GET /api/halls": signedIn,
  "POST /api/halls": ["admin", "area"],
  "GET /api/halls/{hallId}": [...seesHallA, "kiosk", "display", "pad1", "pad2"],
  "PATCH /api/halls/{hallId}": ["admin", "area"],
  "PATCH /api/halls/{hallId}/settings": managersOfA,
  "GET /api/halls/{hallId}/counters": seesHallA,
  "POST /api/halls/{hallId}/counters": managersOfA,
  "PATCH /api/halls/{hallId}/counters/{counterId}": managersOfA,
  "GET /api/halls/{hallId}/counters/{counterId}/history": managersOfA,
  "GET /api/business-types": signedIn,
  "POST /api/business-types": ["admin"],
  "PATCH /api/business-types/{code}": ["admin"],
  // The queue. The kiosk issues tickets and shows the waiting counts; the display shows the calls;
  // a pad shows its own counter; none of them reads what staff read.
  "POST /api/halls/{hallId}/tickets": [...floorOfA, "kiosk"],
  "GET /api/halls/{hallId}/board": [...seesHallA, "kiosk", "display"],
  // The calling display's last calls after a reload: numbers and counters, nothing of the customer.
  "GET /api/halls/{hallId}/calls": [...seesHallA, "kiosk", "display"],
  // The pad's pending question after a reload: its own counter's only.
  "GET /api/halls/{hallId}/counters/{counterId}/rating-prompt": ["pad1"],
  "GET /api/halls/{hallId}/events": [...seesHallA, "kiosk", "display", "pad1", "pad2"],
  "GET /api/halls/{hallId}/counters/{counterId}/now": [...seesHallA, "pad1"],
  "GET /api/halls/{hallId}/queue": seesHallA,
  "GET /api/halls/{hallId}/tickets": floorOfA,
  "GET /api/tickets/{id}": seesHallA,
  "GET /api/tickets/{id}/phone": managersOfA,
  "GET /api/halls/{hallId}/breaches": seesHallA,
  "GET /api/halls/{hallId}/stats/today": seesHallA,
  "GET /api/halls/{hallId}/visits": seesHallA,
  "GET /api/halls/{hallId}/appointments": seesHallA,
  "POST /api/halls/{hallId}/appointments": floorOfA,
  "POST /api/appointments/{id}/check-in": floorOfA,
  // 我有预约 at the kiosk: the customer's own phone, today, this hall.
  "POST /api/halls/{hallId}/appointments/check-in": [...floorOfA, "kiosk"],
  "GET /api/halls/{hallId}/visits/current": floorOfA,
  "POST /api/halls/{hallId}/visit-nodes": floorOfA,
  "POST /api/halls/{hallId}/counters/{counterId}/open": countersOfA,
  "POST /api/halls/{hallId}/counters/{counterId}/close": countersOfA,
  "POST /api/halls/{hallId}/counters/{counterId}/call-next": countersOfA,
  "POST /api/halls/{hallId}/counters/{counterId}/away": countersOfA,
  "POST /api/halls/{hallId}/counters/{counterId}/back": countersOfA,
  "GET /api/halls/{hallId}/counter-away": managersOfA,
  "POST /api/halls/{hallId}/counters/{counterId}/call": countersOfA,
  "POST /api/tickets/{id}/recall": countersOfA,
  "POST /api/tickets/{id}/start": countersOfA,
  "POST /api/tickets/{id}/finish": countersOfA,
  "POST /api/tickets/{id}/no-show": countersOfA,
  "POST /api/tickets/{id}/undo-no-show": countersOfA,
  "POST /api/tickets/{id}/return": floorOfA,
  "POST /api/tickets/{id}/cancel": floorOfA,
  "POST /api/tickets/{id}/transfer": floorOfA,
  // R-DIVERT: security diverts too (the seed's order: the floor, then security, then counters).
  "POST /api/tickets/{id}/divert": [...floorOfA, "security"],
  "GET /api/tickets/{id}/divert-suggestions": [...floorOfA, "security"],
  "GET /api/halls/{hallId}/peak-episodes": seesHallA,
  "POST /api/halls/{hallId}/peak/actions": [...floorOfA, "security"],
  "POST /api/halls/{hallId}/divert-sms": [...floorOfA, "security"],
  // R-CAMPAIGN: hall A's region's campaign (a draft of area SH-PD). Managers plan in their own scope;
  // every person reads the calendar and a hall's talking points; an area manager or the operator approves.
  // Editing, approving and withdrawing are for those who manage all its halls; to another region it is
  // unknown (404).
  "POST /api/campaigns": departments,
  "GET /api/campaigns": people,
  "GET /api/campaigns/{id}": people,
  "PATCH /api/campaigns/{id}": ["area", "admin", "areaXh", "managerXh"],
  "POST /api/campaigns/{id}/approve": ["area", "admin", "areaXh"],
  "POST /api/campaigns/{id}/withdraw": ["area", "admin", "areaXh", "managerXh"],
  "GET /api/campaigns/{id}/report": departments,
  "GET /api/halls/{hallId}/talking-points": seesHallA,
  // R-SITE: hall A's people and those over it (not the rural agents) see its checks, tasks and incidents;
  // the floor walks the check; anyone of the hall records an incident; managers hand tasks on and close
  // incidents. The task below is the hall manager's (the default owner). A record of hall A is unknown
  // (404) to another hall or region.
  "GET /api/halls/{hallId}/site-checks/form": siteReadersA,
  "POST /api/halls/{hallId}/site-checks": ["manager", "desk", "floor", "security", "area", "admin"],
  "GET /api/halls/{hallId}/site-checks": siteReadersA,
  "GET /api/site-checks/{id}": [...siteReadersA, ...otherDepartments],
  "GET /api/halls/{hallId}/site-tasks": siteReadersA,
  "GET /api/halls/{hallId}/site-tasks/owners": managersOfA,
  "POST /api/site-tasks/{id}/done": [...managersOfA, ...otherDepartments],
  "PATCH /api/site-tasks/{id}": [...managersOfA, ...otherDepartments],
  "POST /api/halls/{hallId}/incidents": [...hallAStaff, "area", "admin"],
  "GET /api/halls/{hallId}/incidents": siteReadersA,
  "GET /api/incidents/{id}": [...siteReadersA, ...otherDepartments],
  "POST /api/incidents/{id}/entries": [...hallAStaff, "area", "admin", ...otherDepartments],
  "POST /api/incidents/{id}/notify": [...hallAStaff, "area", "admin", ...otherDepartments],
  "POST /api/incidents/{id}/close": [...managersOfA, ...otherDepartments],
  // R-MEET: the managers hold hall A's meeting; its people and those over it read it; only hall A's own
  // staff confirm the notices.
  "POST /api/halls/{hallId}/meetings": managersOfA,
  "GET /api/halls/{hallId}/meetings": siteReadersA,
  "GET /api/meetings/{id}": [...siteReadersA, ...otherDepartments],
  "PATCH /api/meetings/{id}": [...managersOfA, ...otherDepartments],
  "POST /api/meetings/{id}/close": [...managersOfA, ...otherDepartments],
  "POST /api/meetings/{id}/confirm": [...hallAStaff, ...otherDepartments],
  // R-TRAIN: the bank is the region's and the operator's; managers set tests for their scope and read
  // their analysis and plans; hall A's people take its test (another hall's: unknown, 404).
  "GET /api/training/questions": [...managersOfA, ...otherDepartments],
  "POST /api/training/questions": ["area", "admin", "areaXh"],
  "POST /api/training/questions/import": ["area", "admin", "areaXh"],
  "POST /api/training/tests": [...managersOfA, ...otherDepartments],
  "GET /api/training/tests": [...siteReadersA, ...otherDepartments],
  "GET /api/training/tests/{id}": [...siteReadersA, ...otherDepartments],
  "POST /api/training/tests/{id}/attempts": [...hallAStaff, "coop", "managerXh"],
  "GET /api/training/tests/{id}/analysis": [...managersOfA, ...otherDepartments],
  "GET /api/training/plans": [...managersOfA, ...otherDepartments],
  "PATCH /api/training/plans/{id}": [...managersOfA, ...otherDepartments],
  "GET /api/audit": ["admin"],
  "GET /api/message-templates": ["admin"],
  "PUT /api/message-templates/{template}": ["admin"],
  // Issue 16: the operator's level is the admin's; a region's (SH-PD here) its area manager's too.
  "GET /api/settings/levels": ["admin", "area"],
  "PUT /api/settings/levels": ["admin", "area"],
  "GET /api/audit.csv": ["admin"],
  // R-EVAL: the customer rates on the pad of the counter that served them; nobody else.
  "POST /api/tickets/{id}/evaluation": ["pad1"],
  // Working days: every person; the operator's admin keeps the calendar.
  "GET /api/calendar/add-working-days": people,
  "GET /api/calendar/days": people,
  "GET /api/calendar/years": people,
  "PUT /api/calendar/years/{year}": ["admin"],
  // Complaints of hall A (owned by counter1) and their work orders.
  "POST /api/complaints": recordersAnywhere,
  "GET /api/complaints": readersAnywhere,
  // R-CMP-SLA: the compliance report is the managers' and the inspectors', not the front line's.
  "GET /api/complaints/sla": [...departments, "inspector"],
  "GET /api/typical-cases": readersAnywhere,
  "GET /api/complaint-limits": readersAnywhere,
  "PUT /api/complaint-limits/{category}": ["admin"],
  "GET /api/complaints/{id}": [...recorders, "inspector"],
  "GET /api/complaints/{id}/phone": managersOfA,
  "GET /api/complaints/{id}/owners": recorders,
  "POST /api/complaints/{id}/typical-case": managersOfA,
  "GET /api/work-orders": departments,
  "POST /api/work-orders/{id}/claim": managersOfA,
  "POST /api/work-orders/{id}/reply": managersOfA,
  "POST /api/work-orders/{id}/return": managersOfA,
  "POST /api/work-orders/{id}/resolve": managersOfA,
  "POST /api/work-orders/{id}/supplement": [owner, ...managersOfA],
  // Faults of hall A (taken by counter1).
  "POST /api/faults": recordersAnywhere,
  "GET /api/faults": readersAnywhere,
  "GET /api/faults/{id}": [...recorders, "inspector"],
  "GET /api/faults/{id}/phone": [owner, ...managersOfA],
  // The field CRM, region SH-PD.
  "GET /api/field/customers": fieldAnywhere,
  "POST /api/field/customers": fieldWritePD,
  "GET /api/field/customers/export": ["agent", "area", "admin", "agentXh", "areaXh"],
  "POST /api/field/customers/import": ["agent", "area", "admin", "agentXh", "areaXh"],
  "GET /api/field/customers/{id}": fieldReadPD,
  "PATCH /api/field/customers/{id}": fieldWritePD,
  "POST /api/field/customers/{id}/contacts": fieldWritePD,
  "PATCH /api/field/customers/{id}/contacts/{contactId}": fieldWritePD,
  "DELETE /api/field/customers/{id}/contacts/{contactId}": fieldWritePD,
  "GET /api/field/customers/{id}/phone": fieldWritePD,
  "GET /api/field/customers/{id}/contracts": fieldReadPD,
  "POST /api/field/customers/{id}/contracts": fieldWritePD,
  "POST /api/field/contracts/{id}/renew": fieldWritePD,
  "PATCH /api/field/contracts/{id}": fieldWritePD,
  "GET /api/field/contracts/ending": fieldAnywhere,
  "GET /api/field/cadence": fieldAnywhere,
  "PUT /api/field/cadence": ["admin"],
  // R-KPI: the satisfaction KPI for the managers and inspectors, each of their own scope (no results
  // there yet: 404); the survey firm's files and the KPI's settings are the operator's.
  "GET /api/quality/kpi": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  "GET /api/quality/kpi/trend": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  "GET /api/quality/kpi-settings": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  "PUT /api/quality/kpi-settings": ["admin"],
  "POST /api/quality/surveys/import": ["admin"],
  // R-EVAL roll-ups: hall A's for its managers and the inspectors; one's own for those customers rate.
  "GET /api/halls/{hallId}/ratings": ["manager", "area", "admin", "inspector"],
  "GET /api/quality/my-ratings": ["counter1", "desk", "floor", "manager", "coop", "managerXh"],
  // R-MYSTERY: checklists and inspections for the managers and the inspectors (an inspector reads the halls
  // assigned to them: hall A below); the operator edits checklists, area managers and the operator assign.
  "GET /api/quality/checklists": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  "GET /api/quality/checklists/{id}": [
    "manager",
    "area",
    "admin",
    "inspector",
    "coop",
    "areaXh",
    "managerXh",
  ],
  "POST /api/quality/checklists": ["admin"],
  "POST /api/quality/checklists/{id}/versions": ["admin"],
  "GET /api/quality/alignment": ["area", "admin", "inspector", "areaXh"],
  "GET /api/quality/inspection-assignments": [
    "manager",
    "area",
    "admin",
    "inspector",
    "coop",
    "areaXh",
    "managerXh",
  ],
  // R-EVAL by SMS: the customer's link, no login (an unknown token is everyone's 404).
  "GET /api/public/ratings/{token}": "public",
  "POST /api/public/ratings/{token}": "public",
  // R-STAFFSAT: the pulse is answered by a hall's own people, and read by its managers and the inspectors.
  "GET /api/quality/pulse/mine": [...hallAStaff, "coop", "managerXh"],
  "POST /api/quality/pulse": [...hallAStaff, "coop", "managerXh"],
  "GET /api/halls/{hallId}/pulse": ["manager", "area", "admin", "inspector"],
  // R-SHORTBOARD: a scope's short boards and plans for those who read its KPI; plans made by its managers
  // and moved on by their owner, who may be anyone of the scope (an unknown plan: everyone's 404).
  "GET /api/quality/short-boards": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  "GET /api/quality/improvement-plans": [
    "manager",
    "area",
    "admin",
    "inspector",
    "coop",
    "areaXh",
    "managerXh",
  ],
  "POST /api/quality/improvement-plans": ["manager", "area", "admin", "coop", "areaXh", "managerXh"],
  "PATCH /api/quality/improvement-plans/{id}": people,
  // R-CERT: the standing and thresholds for those who read the KPI; evaluated by area managers (their region)
  // and the operator; the thresholds are the operator's.
  "GET /api/quality/certification-settings": [
    "manager",
    "area",
    "admin",
    "inspector",
    "coop",
    "areaXh",
    "managerXh",
  ],
  "PUT /api/quality/certification-settings": ["admin"],
  "POST /api/quality/certifications/evaluate": ["area", "admin", "areaXh"],
  "GET /api/quality/certifications": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  // Reports (issue 15): hall A's for its manager, its region's area manager and the operator's people.
  "GET /api/reports/summary": ["manager", "area", "admin", "inspector"],
  "GET /api/halls/{hallId}/journey-report": ["manager", "area", "admin", "inspector"],
  "GET /api/reports/summary.xlsx": ["manager", "area", "admin", "inspector"],
  "GET /api/reports/summary.csv": ["manager", "area", "admin", "inspector"],
  "POST /api/reports/rollups/recompute": ["area", "admin"],
  "GET /api/quality/inspectors": ["area", "admin", "areaXh"],
  "POST /api/quality/inspection-assignments": { may: ["area", "admin"], unseen: ["areaXh"] },
  "POST /api/halls/{hallId}/inspection-assignments/{id}/cancel": ["area", "admin"],
  "POST /api/quality/inspections": { may: ["inspector", "area", "admin"], unseen: ["areaXh"] },
  "GET /api/quality/inspections": ["manager", "area", "admin", "inspector", "coop", "areaXh", "managerXh"],
  "GET /api/quality/inspections/{id}": [
    "manager",
    "area",
    "admin",
    "inspector",
    "coop",
    "areaXh",
    "managerXh",
  ],
  "POST /api/halls/{hallId}/inspection-photos": ["inspector", "area", "admin"],
  "GET /api/halls/{hallId}/inspection-photos/{id}": ["manager", "area", "admin", "inspector"],
  "GET /api/quality/surveys/imports": ["admin"],
  "DELETE /api/quality/surveys/imports/{id}": ["admin"],
  "POST /api/field/customers/{id}/visit-plans": fieldWritePD,
  "GET /api/field/visit-plans": fieldAnywhere,
  "POST /api/field/visit-plans/{id}/cancel": fieldWritePD,
  "POST /api/field/customers/{id}/visits": fieldWritePD,
  "GET /api/field/customers/{id}/visits": fieldReadPD,
  "POST /api/field/visits/{id}/answers": fieldWritePD,
  "POST /api/field/promises/{id}/done": fieldWritePD,
  "GET /api/field/my-day": fieldAnywhere,
  "POST /api/field/customers/{id}/service-orders": fieldWritePD,
  "POST /api/field/service-orders/{id}/check": fieldWritePD,
  "POST /api/field/service-orders/{id}/sign": fieldWritePD,
  "GET /api/field/service-orders/{id}/signature": fieldReadPD,
  "GET /api/field/care": fieldAnywhere,
  "POST /api/field/greetings": { may: fieldWritePD, unseen: ["agentXh", "areaXh"] },
  "POST /api/field/customers/{id}/opportunities": fieldWritePD,
  "GET /api/field/opportunities": fieldAnywhere,
  "PATCH /api/field/opportunities/{id}": fieldWritePD,
  "GET /api/field/reports/pipeline": fieldAnywhere,
  "POST /api/field/opportunities/{id}/stage": fieldWritePD,
  "GET /api/field/reports/opportunities-weekly": fieldAnywhere,
  "GET /api/field/compliance": [...fieldManagePD, "areaXh"],
  "PUT /api/field/villages": fieldWritePD,
  "GET /api/field/villages": fieldAnywhere,
  "POST /api/field/blind-spots": fieldWritePD,
  "GET /api/field/blind-spots": fieldAnywhere,
  "POST /api/field/blind-spots/{id}/forward": fieldManagePD,
  "POST /api/field/blind-spots/{id}/answer": fieldManagePD,
};
// 首问负责制: a complaint's and a fault's transitions are its owner's, or a manager's in scope; deciding
// on an appeal is a manager's alone.
const MANAGER_ONLY = ["accept", "refuse"];
const complaintAction = /^POST \/api\/complaints\/\{id\}\/([a-z-]+)$/;
const faultAction = /^POST \/api\/faults\/\{id\}\/([a-z-]+)$/;
function whoMay(op: Operation): { may: Who[] | "public"; unseen: Who[] } | undefined {
  const l = label(op);
  const rule: Rule | undefined =
    mayCall[l] ??
    (complaintAction.test(l)
      ? MANAGER_ONLY.includes(complaintAction.exec(l)![1])
        ? managersOfA
        : [owner, ...managersOfA]
      : faultAction.test(l)
        ? [owner, ...managersOfA]
        : undefined);
  if (rule === undefined) return undefined;
  return Array.isArray(rule) || rule === "public" ? { may: rule, unseen: [] } : rule;
}
// Not called here: logging out would end the token (the auth tests cover it); the docs are pages.
const SKIP = ["POST /api/auth/logout"];

describe("access matrix: every operation × every kind of principal", () => {
  let t: TestApp;
  let base: string;
  let ops: Operation[];
  const token: Partial<Record<Who, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    ops = operationsOf((await t.api("GET", "/api/openapi.json")).json()).filter(
      (op) => !op.path.startsWith("/api/docs") && !SKIP.includes(label(op)),
    );
    for (const u of [
      "admin",
      "inspector",
      "area",
      "agent",
      "manager",
      "desk",
      "floor",
      "counter1",
      "security",
      "coop",
    ] as const)
      token[u] = await t.token(u);
    const as = (who: Who, method: string, path: string, body?: unknown) =>
      t.api(method, path, { token: token[who], body });
    const ok = async (res: ReturnType<typeof as>) => {
      const r = await res;
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json();
    };

    // Another region (SH-XH) with a hall, its manager, its area manager and its agent.
    const xh = await ok(
      as("admin", "POST", "/api/halls", { name: "徐汇自营厅", type: "self_run", regionCode: "SH-XH" }),
    );
    for (const [who, username, role, scope] of [
      ["areaXh", "area-xh", "area_manager", { regionCode: "SH-XH" }],
      ["agentXh", "agent-xh", "rural_agent", { regionCode: "SH-XH" }],
      ["managerXh", "manager-xh", "hall_manager", { hallId: xh.id }],
    ] as const) {
      await ok(
        as("admin", "POST", "/api/users", {
          username,
          displayName: username,
          password: DEMO_PASSWORD,
          role,
          ...scope,
        }),
      );
      token[who] = await t.token(username);
    }
    const hallA = t.demo.hallId;
    const counters = (await ok(as("manager", "GET", `/api/halls/${hallA}/counters`))) as {
      id: string;
      number: number;
    }[];
    const counterOf = (n: number) => counters.find((c) => c.number === n)!.id;
    const pad = (n: number) =>
      t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counterOf(n))!.token;
    // No sign-in lock exists: lifting an unknown one is the allowed caller's 404, everyone else's 403.
    ids.lockId = crypto.randomUUID();
    Object.assign(token, {
      kiosk: deviceToken(t.demo, "kiosk", 0),
      display: deviceToken(t.demo, "display", 0),
      pad1: pad(1),
      pad2: pad(2),
      coopKiosk: deviceToken(t.demo, "kiosk", 1),
      coopDisplay: deviceToken(t.demo, "display", 1),
    });

    // One of everything in hall A and in region SH-PD, for the operations that name one.
    ids.hallId = hallA;
    ids.counterId = counterOf(1);
    // R-MYSTERY: the node norms, and hall A assigned to the inspector (so its inspections are theirs to read).
    ids.checklistId = STARTER_CHECKLISTS[1].id;
    const inspectorId = (await ok(as("inspector", "GET", "/api/auth/me"))).principal.id;
    await ok(
      as("area", "POST", "/api/quality/inspection-assignments", {
        hallId: hallA,
        inspectorId,
        checklistId: ids.checklistId,
        kind: "mystery",
        dueDate: "2026-12-31",
      }),
    );
    ids.inspectorId = inspectorId;
    ids.deviceId = (
      await ok(as("admin", "POST", `/api/halls/${hallA}/devices`, { kind: "display", label: "备用屏" }))
    ).id;
    ids.userId = (
      await ok(
        as("admin", "POST", "/api/users", {
          username: "spare",
          displayName: "备用",
          password: DEMO_PASSWORD,
          role: "security",
          hallId: hallA,
        }),
      )
    ).id;
    // A ticket served and finished at counter 1 (to be rated), and a waiting one for the other actions.
    await ok(as("counter1", "POST", `/api/halls/${hallA}/counters/${ids.counterId}/open`, {}));
    await ok(
      as("desk", "POST", `/api/halls/${hallA}/tickets`, { businessType: "payment", phone: "13812345678" }),
    );
    const served = (
      await ok(as("counter1", "POST", `/api/halls/${hallA}/counters/${ids.counterId}/call-next`))
    ).ticket;
    await ok(as("counter1", "POST", `/api/tickets/${served.id}/start`));
    await ok(as("counter1", "POST", `/api/tickets/${served.id}/finish`, { outcome: "completed" }));
    ids.servedTicketId = served.id;
    ids.ticketId = (
      await ok(
        as("desk", "POST", `/api/halls/${hallA}/tickets`, { businessType: "payment", phone: "13812345678" }),
      )
    ).id;
    ids.appointmentId = (
      await ok(
        as("desk", "POST", `/api/halls/${hallA}/appointments`, {
          businessType: "payment",
          slotStart: new Date(Date.now() + 5 * 60_000).toISOString(),
          phone: "13812345678",
        }),
      )
    ).id;
    const complaint = {
      customer: { name: "张女士", phone: "13812341234" },
      channel: "counter",
      category: "billing",
      description: "多收费",
      request: "退费",
    };
    ids.complaintId = (await ok(as(owner, "POST", "/api/complaints", complaint))).id;
    const sent = await ok(
      as(owner, "POST", `/api/complaints/${ids.complaintId}/send-work-order`, {
        department: "billing",
        brief: "核查",
      }),
    );
    ids.workOrderId = sent.workOrders[0].id;
    ids.faultId = (
      await ok(
        as(owner, "POST", "/api/faults", {
          customer: { name: "王先生", phone: "13612341234" },
          service: "broadband",
          symptom: "断网",
        }),
      )
    ).id;
    const customer = await ok(
      as("agent", "POST", "/api/field/customers", {
        name: "新丰村村委会",
        tier: "key",
        areaCode: "SH-PD",
        phone: "13812341234",
        contacts: [{ name: "王书记" }],
      }),
    );
    ids.customerId = customer.id;
    ids.contactId = customer.contacts[0].id;
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    ids.contractId = (
      await ok(
        as("agent", "POST", `/api/field/customers/${customer.id}/contracts`, {
          title: "专线",
          startsOn: inDays(-300),
          endsOn: inDays(30),
        }),
      )
    ).id;
    ids.planId = (
      await ok(
        as("agent", "POST", `/api/field/customers/${customer.id}/visit-plans`, {
          kind: "phone",
          plannedAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        }),
      )
    ).id;
    const visit = await ok(
      as("agent", "POST", `/api/field/customers/${customer.id}/visits`, {
        kind: "in_person",
        at: new Date().toISOString(),
        questions: [{ text: "资费?" }],
        promises: [{ text: "回电", dueOn: inDays(2) }],
      }),
    );
    ids.visitRecordId = visit.id;
    ids.promiseId = visit.promises[0].id;
    ids.opportunityId = (
      await ok(as("agent", "POST", `/api/field/customers/${customer.id}/opportunities`, { title: "扩容" }))
    ).id;
    ids.serviceOrderId = (
      await ok(
        as("agent", "POST", `/api/field/customers/${customer.id}/service-orders`, {
          kind: "install",
          orderName: "新丰村村委会",
          orderAddress: "村口",
          orderTier: "key",
        }),
      )
    ).id;
    ids.blindSpotId = (
      await ok(
        as("agent", "POST", "/api/field/blind-spots", {
          areaCode: "SH-PD",
          village: "新丰村",
          place: "村口",
          kind: "weak_signal",
        }),
      )
    ).id;
    ids.campaignId = (
      await ok(
        as("area", "POST", "/api/campaigns", {
          name: "宽带提速季",
          from: "2026-12-10",
          to: "2026-12-20",
          talkingPoints: ["先问家里几个人用网"],
        }),
      )
    ).id;
    // R-SITE: a check with a failed item (its task is the hall manager's) and an ordinary incident.
    const siteItems = [
      "temperature",
      "light_air",
      "clean",
      "water",
      "seats",
      "ticket_machine",
      "self_service",
    ];
    const siteCheck = await ok(
      as("manager", "POST", `/api/halls/${hallA}/site-checks`, {
        items: siteItems.map((code) => (code === "temperature" ? { code, value: 28 } : { code, ok: true })),
      }),
    );
    ids.siteCheckId = siteCheck.id;
    ids.siteTaskId = siteCheck.tasks.find((x: { item: string }) => x.item === "temperature").id;
    ids.incidentId = (
      await ok(
        as("manager", "POST", `/api/halls/${hallA}/incidents`, {
          kind: "medical",
          occurredAt: "2026-12-01T10:00:00+08:00",
          summary: "客户头晕",
        }),
      )
    ).id;
    ids.meetingId = (
      await ok(
        as("manager", "POST", `/api/halls/${hallA}/meetings`, { date: "2026-12-01", notices: ["通知"] }),
      )
    ).id;
    // R-TRAIN: a question, hall A's test of it, and counter1's weak attempt (its plan).
    const question = await ok(
      as("admin", "POST", "/api/training/questions", {
        businessType: "payment",
        text: "题目",
        choices: ["甲", "乙"],
        answer: 0,
      }),
    );
    ids.testId = (
      await ok(as("manager", "POST", "/api/training/tests", { name: "测试", questionIds: [question.id] }))
    ).id;
    ids.trainingPlanId = (
      await ok(as("counter1", "POST", `/api/training/tests/${ids.testId}/attempts`, { answers: [1] }))
    ).plan.id;
    // 排班: a person, a template and a generated week in hall A; no swap or absence (an unknown one is a 404).
    ids.staffId = (
      await ok(
        as("manager", "POST", `/api/halls/${hallA}/staff`, { name: "排班甲", contractHoursPerWeek: 40 }),
      )
    ).id;
    await ok(
      as("manager", "POST", `/api/halls/${hallA}/shift-templates`, {
        name: "全天",
        start: "09:00",
        lengthHours: 10,
      }),
    );
    const roster = await ok(
      as("manager", "POST", `/api/halls/${hallA}/rosters`, { weekStart: "2026-12-07" }),
    );
    ids.rosterId = roster.id;
    ids.shiftId = roster.shifts[0]?.id ?? crypto.randomUUID();
    ids.swapId = crypto.randomUUID();
    ids.absenceId = crypto.randomUUID();
  });
  afterAll(() => t.close());

  /** The fixture a path parameter names. */
  function pathValue(op: Operation, name: string): string {
    if (name !== "id") {
      const fixed: Record<string, string> = {
        code: "payment",
        template: "near_turn",
        year: "2027",
        category: "billing",
        token: "x".repeat(22),
      };
      return fixed[name] ?? ids[name];
    }
    const byPrefix: [RegExp, string][] = [
      [/^\/api\/tickets\/\{id\}\/evaluation$/, "servedTicketId"],
      [/^\/api\/tickets\//, "ticketId"],
      [/^\/api\/appointments\//, "appointmentId"],
      [/^\/api\/complaints\//, "complaintId"],
      [/^\/api\/work-orders\//, "workOrderId"],
      [/^\/api\/faults\//, "faultId"],
      [/^\/api\/field\/customers\//, "customerId"],
      [/^\/api\/field\/contracts\//, "contractId"],
      [/^\/api\/field\/visit-plans\//, "planId"],
      [/^\/api\/field\/visits\//, "visitRecordId"],
      [/^\/api\/field\/promises\//, "promiseId"],
      [/^\/api\/field\/opportunities\//, "opportunityId"],
      [/^\/api\/field\/service-orders\//, "serviceOrderId"],
      [/^\/api\/field\/blind-spots\//, "blindSpotId"],
      [/^\/api\/campaigns\//, "campaignId"],
      [/^\/api\/site-checks\//, "siteCheckId"],
      [/^\/api\/site-tasks\//, "siteTaskId"],
      [/^\/api\/incidents\//, "incidentId"],
      [/^\/api\/meetings\//, "meetingId"],
      [/^\/api\/training\/tests\//, "testId"],
      [/^\/api\/training\/plans\//, "trainingPlanId"],
      // No import exists: withdrawing an unknown one is the admin's 404, everyone else's 403.
      [/^\/api\/quality\/surveys\/imports\//, "lockId"],
      [/^\/api\/quality\/checklists\//, "checklistId"],
      // No inspection, assignment or photo by these ids: the allowed caller's 404.
      [/^\/api\/quality\/inspections\//, "lockId"],
      [/^\/api\/quality\/improvement-plans\//, "lockId"],
      [/\/inspection-(assignments|photos)\//, "lockId"],
    ];
    const hit = byPrefix.find(([re]) => re.test(op.path));
    if (!hit) throw new Error(`no fixture for the id of ${label(op)}`);
    return ids[hit[1]];
  }

  // Bodies that must name hall A's region or records, or pass a refinement JSON Schema cannot show.
  const bodies: () => Record<string, unknown> = () => ({
    "POST /api/auth/login": { username: "desk", password: DEMO_PASSWORD },
    "POST /api/auth/token": { username: "desk", password: DEMO_PASSWORD },
    "POST /api/halls": { name: "新厅", type: "self_run", regionCode: "SH-PD" },
    "PUT /api/settings/levels": { scope: "region:SH-PD", settings: {} },
    "PUT /api/message-templates/{template}": { body: null },
    "PUT /api/quality/kpi-settings": {
      weights: { environment: 0.25, waiting: 0.23, staff: 0.28, speed: 0.24 },
      target: 72,
      flags: { redBelow: 69, redLeadBelow: 10, blueAbove: 90, blueLeadAbove: 20 },
    },
    "POST /api/field/customers": { name: "新客户", tier: "household", areaCode: "SH-PD" },
    "PUT /api/field/villages": { areaCode: "SH-PD", town: "张江镇", village: "新丰村" },
    "POST /api/field/blind-spots": { areaCode: "SH-PD", village: "新丰村", place: "桥头", kind: "no_signal" },
    "POST /api/field/greetings": {
      customerId: ids.customerId,
      occasion: "new_year",
      year: 2027,
      channel: "phone",
    },
    "POST /api/tickets/{id}/transfer": { businessType: "change" },
    "POST /api/campaigns": { name: "活动", from: "2026-12-10", to: "2026-12-12", talkingPoints: ["要点"] },
    "POST /api/quality/certifications/evaluate": { quarter: "2026-Q3" },
    "POST /api/reports/rollups/recompute": { hallId: ids.hallId, date: "2026-12-01" },
    "POST /api/quality/inspection-assignments": {
      hallId: ids.hallId,
      inspectorId: ids.inspectorId,
      checklistId: ids.checklistId,
      kind: "open",
      dueDate: "2026-12-31",
    },
    "POST /api/quality/inspections": {
      hallId: ids.hallId,
      checklistId: ids.checklistId,
      kind: "open",
      at: "2026-12-01T10:00:00+08:00",
      scores: [{ item: "nope", score: 50 }],
    },
    "POST /api/tickets/{id}/evaluation": { rating: "satisfied" },
    "POST /api/halls/{hallId}/site-checks": { items: [{ code: "clean", ok: true }] },
    "POST /api/training/tests": { name: "测试", questionIds: [ids.questionId ?? crypto.randomUUID()] },
    "POST /api/training/tests/{id}/attempts": { answers: [0] },
    "PATCH /api/training/plans/{id}": { retestAt: "2026-12-31" },
    "PATCH /api/site-tasks/{id}": { dueAt: "2026-12-31T10:00:00+08:00" },
    "POST /api/halls/{hallId}/incidents": {
      kind: "other",
      occurredAt: "2026-12-01T10:00:00+08:00",
      summary: "测试",
    },
  });

  function urlOf(op: Operation) {
    let url = op.path;
    for (const p of op.params.filter((x) => x.in === "path"))
      url = url.replace(`{${p.name}}`, encodeURIComponent(pathValue(op, p.name)));
    const query = Object.fromEntries(
      op.params.filter((p) => p.in === "query" && p.required).map((p) => [p.name, String(sample(p.schema))]),
    );
    if (op.path === "/api/public/halls") query.regionCode = "SH-PD";
    if (op.path === "/api/quality/alignment") query.period = "2026-Q3";
    if (op.path.endsWith("/journey-report")) query.period = "day:2026-12-01";
    if (op.path.endsWith("/phone")) query.reason = "客户回访";
    if (op.path === "/api/settings/levels") query.scope = "region:SH-PD";
    if (op.path.startsWith("/api/reports/summary")) {
      query.scope = `hall:${ids.hallId}`;
      query.period = "day:2026-12-01";
    }
    const search = new URLSearchParams(query).toString();
    return search ? `${url}?${search}` : url;
  }

  /** The status a principal gets; the event stream over a socket (it never ends), the rest by inject. */
  async function statusOf(op: Operation, who: Who): Promise<number> {
    const tok = who === "anonymous" ? undefined : token[who];
    if (op.path.endsWith("/events")) {
      const abort = new AbortController();
      const res = await fetch(`${base}${urlOf(op)}`, {
        headers: tok ? { authorization: `Bearer ${tok}` } : {},
        signal: abort.signal,
      });
      abort.abort();
      return res.status;
    }
    // A PATCH changes something: an empty one is refused as such (400) before anyone is asked who they are.
    const body = bodies()[label(op)] ?? (op.body ? sampleChange(op.body.schema) : undefined);
    return (await t.api(op.method, urlOf(op), { token: tok, body })).statusCode;
  }

  const everyone: Who[] = ["anonymous", ...signedIn];

  it("should name every operation of the API in the table of who may call it", () => {
    const unnamed = ops.filter((op) => whoMay(op) === undefined).map(label);
    expect(unnamed).toEqual([]);
    expect(ops.length).toBeGreaterThan(140);
    expect(new Set(everyone).size).toBe(20);
  });

  it("should let exactly those call each operation: others get 403, anyone unsigned 401", async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      const rule = whoMay(op);
      if (rule === undefined) continue;
      const may = (who: Who) => rule.may === "public" || rule.may.includes(who);
      const expected = (who: Who) =>
        may(who)
          ? "2xx or a 4xx other than 401/403"
          : who === "anonymous"
            ? 401
            : rule.unseen.includes(who)
              ? 404
              : 403;
      // Those refused first: a refused call changes nothing, so the allowed ones still find the fixtures.
      const order = [...everyone].sort((a, b) => Number(may(a)) - Number(may(b)));
      for (const who of order) {
        const status = await statusOf(op, who);
        const want = expected(who);
        const fits =
          typeof want === "number" ? status === want : status !== 401 && status !== 403 && status < 500;
        if (!fits) wrong.push(`${label(op)} as ${who}: ${status}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
