import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { can, maskPhone, type Principal, roleScope } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { activeStaff } from "../users/data.js";
import type { Fault, FaultState } from "./contract.js";
import { type FaultCaller, faultAllowedActions } from "./rules.js";
import { faultHistory, faults } from "./tables.js";

/** Who reads a fault, as allowedActions needs it (rules.ts). */
export const faultCallerOf = (p: Principal & { kind: "user" }): FaultCaller => ({
  userId: p.id,
  mayRecord: can(p, "fault.record"),
  // A manager acts on others' faults as on their complaints.
  mayManage: can(p, "complaint.manage"),
});

export type FaultRow = typeof faults.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API's view of a fault; the phone is always masked here (R-PRIVACY). */
export function presentFault(f: FaultRow, caller: FaultCaller, extra: Partial<Fault> = {}): Fault {
  return {
    id: f.id,
    hallId: f.hallId,
    regionCode: f.regionCode,
    ownerId: f.ownerId,
    customer: { name: f.customerName, phone: maskPhone(f.customerPhone), address: f.address },
    service: f.service,
    symptom: f.symptom,
    keyCustomer: f.keyCustomer,
    major: f.major,
    state: f.state,
    recordedAt: f.recordedAt.toISOString(),
    agreedRepairAt: iso(f.agreedRepairAt),
    reportDueAt: f.reportDueAt.toISOString(),
    reportedAt: iso(f.reportedAt),
    reportReference: f.reportReference,
    reportLate: f.reportLate,
    progressDueAt: iso(f.progressDueAt),
    progressContactedAt: iso(f.progressContactedAt),
    progressLate: f.progressLate,
    repairDueAt: f.repairDueAt.toISOString(),
    repairedAt: iso(f.repairedAt),
    repairBreached: f.repairBreached,
    confirmedAt: iso(f.confirmedAt),
    confirmedBy: f.confirmedBy,
    confirmMethod: f.confirmMethod,
    closedAt: iso(f.closedAt),
    satisfaction: f.satisfaction,
    callbackNote: f.callbackNote,
    allowedActions: faultAllowedActions(f, caller),
    ...extra,
  };
}

export async function findFault(db: DbOrTx, id: string): Promise<FaultRow> {
  const [f] = await db.select().from(faults).where(eq(faults.id, id)).limit(1);
  if (!f) throw notFound("Fault");
  return f;
}

export async function faultDetail(db: DbOrTx, f: FaultRow, caller: FaultCaller): Promise<Fault> {
  const history = await db
    .select()
    .from(faultHistory)
    .where(eq(faultHistory.faultId, f.id))
    .orderBy(asc(faultHistory.at), asc(faultHistory.id));
  return presentFault(f, caller, {
    history: history.map((h) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorId: h.actorId,
      note: h.note,
      at: h.at.toISOString(),
    })),
  });
}

function scope(p: Principal): SQL | undefined {
  if (p.kind === "device") return sql`false`;
  const s = roleScope[p.role];
  if (s === "operator") return undefined;
  if (s === "region") return eq(faults.regionCode, p.regionCode ?? "");
  return p.hallId ? eq(faults.hallId, p.hallId) : sql`false`;
}

const OPEN: FaultState[] = ["recorded", "reported", "repaired", "confirmed"];

/**
 * Faults in scope, at most 200: the running ones (recorded, reported, repaired) by the nearest repair
 * clock first, then the confirmed and closed ones, newest first. Two reads, so a region's years of closed
 * faults are not all read and sorted for one page: the running ones are few, and the rest walk
 * (region_code, recorded_at) backwards. Unsatisfied callbacks are collected for departments.
 */
export async function listFaults(
  db: DbOrTx,
  p: Principal,
  q: { open?: string; state?: FaultState; unsatisfied?: string; mine?: string },
) {
  const filters = and(
    scope(p),
    q.open === "true" ? inArray(faults.state, OPEN) : undefined,
    q.state ? eq(faults.state, q.state) : undefined,
    q.unsatisfied === "true" ? eq(faults.satisfaction, "dissatisfied") : undefined,
    q.mine === "true" && p.kind === "user" ? eq(faults.ownerId, p.id) : undefined,
  );
  const running = await db
    .select()
    .from(faults)
    .where(and(filters, inArray(faults.state, RUNNING)))
    .orderBy(asc(faults.repairDueAt), desc(faults.recordedAt))
    .limit(LIST_LIMIT);
  if (running.length >= LIST_LIMIT) return running;
  const settled = await db
    .select()
    .from(faults)
    .where(and(filters, inArray(faults.state, ["confirmed", "closed"])))
    .orderBy(desc(faults.recordedAt))
    .limit(LIST_LIMIT - running.length);
  return [...running, ...settled];
}

const LIST_LIMIT = 200;
const RUNNING: FaultState[] = ["recorded", "reported", "repaired"];

/** The area managers of a region: they hear of major faults and of repairs about to run late. */
export async function areaManagers(db: DbOrTx, regionCode: string) {
  return activeStaff(db, { role: "area_manager", regionCode });
}
