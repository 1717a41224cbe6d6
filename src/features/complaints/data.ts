import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNotNull,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { can, maskPhone, type Principal, roleScope, roles } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { COUNT_CAP, decodeCursor, pageOf } from "../../core/paging.js";
import { activeStaff, staffNames } from "../users/data.js";
import { type Complaint, handOverGroups, type ListComplaintsQuery, type WorkOrder } from "./contract.js";
import {
  type ComplaintCaller,
  type ComplaintLimits,
  complaintAllowedActions,
  DEFAULT_LIMITS,
  handOverGroup,
  OPEN_STATES,
} from "./rules.js";
import { complaintHistory, complaintLimits, complaints, typicalCases, workOrders } from "./tables.js";
import { PENDING_WORK_ORDER, type WorkOrderCaller, workOrderAllowedActions } from "./work-order-rules.js";

export type ComplaintRow = typeof complaints.$inferSelect;
export type WorkOrderRow = typeof workOrders.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Who reads a complaint: whether they see the phone whole (R-PRIVACY), and what they may do. */
export type Viewer = { unmask: boolean; caller: ComplaintCaller & WorkOrderCaller };

// R-PRIVACY: lists and details always mask the customer's phone; the whole number is one logged
// request away (GET /api/complaints/:id/phone) for those who may unmask.
export const viewerOf = (p: Principal & { kind: "user" }): Viewer => ({
  unmask: false,
  caller: {
    userId: p.id,
    mayRecord: can(p, "complaint.record"),
    mayManage: can(p, "complaint.manage"),
    mayHandle: can(p, "workOrder.handle"),
  },
});

/**
 * The API's view of a complaint; the phone is masked unless the caller may see it whole (R-PRIVACY).
 * `workOrderPending` and `typicalCase` are known where the orders and cases are read (the detail); a list
 * may offer a reply the department has yet to answer (refused with work_order_pending when posted) or
 * the archiving of a case already archived (refused with conflict).
 */
export function presentComplaint(
  c: ComplaintRow,
  viewer: Viewer,
  extra: Partial<Complaint> = {},
  workOrderPending = false,
): Complaint {
  const typicalCase = extra.typicalCase ?? false;
  return {
    id: c.id,
    kind: c.kind,
    hallId: c.hallId,
    regionCode: c.regionCode,
    ticketId: c.ticketId,
    customer: {
      name: c.customerName,
      phone: viewer.unmask ? c.customerPhone : maskPhone(c.customerPhone),
    },
    channel: c.channel as Complaint["channel"],
    category: c.category,
    severity: c.severity,
    keyCustomer: c.keyCustomer,
    description: c.description,
    request: c.request,
    state: c.state,
    ownerId: c.ownerId,
    ownerName: null,
    receivedAt: c.receivedAt.toISOString(),
    recordedAt: c.recordedAt.toISOString(),
    recordConfirmedAt: iso(c.recordConfirmedAt),
    firstReplyDueAt: iso(c.firstReplyDueAt),
    firstRepliedAt: iso(c.firstRepliedAt),
    lastContactAt: iso(c.lastContactAt),
    resolvedAt: iso(c.resolvedAt),
    callbackDueAt: iso(c.callbackDueAt),
    closedAt: iso(c.closedAt),
    satisfaction: c.satisfaction,
    dueAt: iso(c.dueAt),
    dueKind: c.dueKind,
    warnAt: iso(c.warnAt),
    escalationLevel: c.escalationLevel,
    customerEscalated: c.customerEscalated,
    breached: c.breached,
    breachCount: c.breachCount,
    reopenCount: c.reopenCount,
    typicalCase,
    allowedActions: complaintAllowedActions({ ...c, typicalCase }, viewer.caller, { workOrderPending }),
    ...extra,
  };
}

/** The API's view of a work order, with what the caller may do with it (its complaint's owner counts). */
export function presentWorkOrder(
  w: WorkOrderRow,
  complaintOwnerId: string,
  caller: WorkOrderCaller,
  c?: ComplaintRow,
): WorkOrder {
  return {
    id: w.id,
    complaintId: w.complaintId,
    department: w.department as WorkOrder["department"],
    state: w.state,
    brief: w.brief,
    claimedBy: w.claimedBy,
    replyText: w.replyText,
    returnReason: w.returnReason,
    createdAt: w.createdAt.toISOString(),
    repliedAt: iso(w.repliedAt),
    allowedActions: workOrderAllowedActions(w, complaintOwnerId, caller),
    ...(c
      ? {
          complaint: {
            category: c.category,
            severity: c.severity,
            customerName: c.customerName,
            dueAt: iso(c.dueAt),
            dueKind: c.dueKind,
            warnAt: iso(c.warnAt),
          },
        }
      : {}),
  };
}

export async function findComplaint(db: DbOrTx, id: string): Promise<ComplaintRow> {
  const [c] = await db.select().from(complaints).where(eq(complaints.id, id)).limit(1);
  if (!c) throw notFound("Complaint");
  return c;
}

export async function complaintDetail(db: DbOrTx, c: ComplaintRow, viewer: Viewer): Promise<Complaint> {
  const history = await db
    .select()
    .from(complaintHistory)
    .where(eq(complaintHistory.complaintId, c.id))
    .orderBy(asc(complaintHistory.at), asc(complaintHistory.id));
  const orders = await db
    .select()
    .from(workOrders)
    .where(eq(workOrders.complaintId, c.id))
    .orderBy(asc(workOrders.createdAt));
  const moves = handOvers(history);
  // Everyone named: the owner, each actor, each side of a hand-over; one read of their names.
  const names = await staffNames(db, [
    c.ownerId,
    ...history.flatMap((h) => (h.actorId ? [h.actorId] : [])),
    ...[...moves.values()].flatMap((m) => [m.from, m.to]),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const [tc] = await db
    .select({ id: typicalCases.id })
    .from(typicalCases)
    .where(eq(typicalCases.complaintId, c.id));
  const pending = orders.some((w) => PENDING_WORK_ORDER.includes(w.state));
  return presentComplaint(
    c,
    viewer,
    {
      ownerName: name(c.ownerId),
      typicalCase: Boolean(tc),
      history: history.map((h) => {
        const m = moves.get(h.id);
        return {
          action: h.action,
          fromState: h.fromState,
          toState: h.toState,
          actorId: h.actorId,
          actorName: name(h.actorId),
          note: h.note,
          at: h.at.toISOString(),
          handOver: m ? { fromId: m.from, fromName: name(m.from), toId: m.to, toName: name(m.to) } : null,
        };
      }),
      workOrders: orders.map((w) => presentWorkOrder(w, c.ownerId, viewer.caller)),
    },
    pending,
  );
}

/** Who each hand-over in a history came from and went to (首问负责制: on record), by history id. */
function handOvers(history: { id: string; action: string; data: unknown }[]) {
  return new Map(
    history.flatMap((h) => {
      const d = h.data as { from?: string; to?: string } | null;
      return h.action === "hand-over" && d?.from && d.to ? [[h.id, { from: d.from, to: d.to }] as const] : [];
    }),
  );
}

/** The clock's input: each state the complaint entered, from the history. */
export async function stateHistory(db: DbOrTx, complaintId: string) {
  const rows = await db
    .select({ state: complaintHistory.toState, at: complaintHistory.at })
    .from(complaintHistory)
    .where(eq(complaintHistory.complaintId, complaintId))
    .orderBy(asc(complaintHistory.at), asc(complaintHistory.id));
  return rows;
}

/** Which complaints a principal may see: the operator all, a region its region, a hall its hall. */
export function scopeFilter(p: Principal): SQL | undefined {
  if (p.kind === "device") return sql`false`;
  switch (roleScope[p.role]) {
    case "operator":
      return undefined;
    case "region":
      return eq(complaints.regionCode, p.regionCode ?? "");
    case "hall":
      return p.hallId ? eq(complaints.hallId, p.hallId) : sql`false`;
  }
}

export async function listComplaints(db: DbOrTx, p: Principal, q: ListComplaintsQuery, now: Date) {
  const like = q.q ? `%${q.q.replace(/[%_\\]/g, "\\$&")}%` : null;
  const where = and(
    scopeFilter(p),
    q.mine === "true" && p.kind === "user" ? eq(complaints.ownerId, p.id) : undefined,
    q.state ? eq(complaints.state, q.state) : undefined,
    q.open === "true" ? inArray(complaints.state, [...OPEN_STATES, "resolved", "callback_done"]) : undefined,
    q.kind ? eq(complaints.kind, q.kind) : undefined,
    q.category ? eq(complaints.category, q.category) : undefined,
    q.hallId ? eq(complaints.hallId, q.hallId) : undefined,
    q.due === "breached" ? eq(complaints.breached, true) : undefined,
    q.due === "soon" ? and(isNotNull(complaints.warnAt), lte(complaints.warnAt, now)) : undefined,
    like
      ? or(
          ilike(complaints.customerName, like),
          ilike(complaints.description, like),
          ilike(complaints.category, like),
        )
      : undefined,
  );
  // Keyset on (due, received, id): due first and undated last, then newest received. The first part is a
  // plain bound the index starts from; rows sharing the cursor's due time are sorted out by the rest.
  const due = sql`coalesce(${complaints.dueAt}, 'infinity')`;
  const after = q.cursor ? decodeCursor(q.cursor, ["string", "string", "string"]) : null;
  const past = after
    ? sql`${due} >= ${after[0]}::timestamptz AND (${due} > ${after[0]}::timestamptz
        OR (${complaints.receivedAt}, ${complaints.id}) < (${after[1]}::timestamptz, ${after[2]}::uuid))`
    : undefined;
  const rows = await db
    .select({
      ...getTableColumns(complaints),
      // The key as the database holds it (microseconds, 'infinity'): a Date would lose both.
      dueKey: sql<string>`${due}::text`,
      receivedKey: sql<string>`${complaints.receivedAt}::text`,
    })
    .from(complaints)
    .where(and(where, past))
    .orderBy(sql`${due} asc`, desc(complaints.receivedAt), desc(complaints.id))
    .limit(q.limit + 1);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(
    db
      .select({ one: sql`1` })
      .from(complaints)
      .where(where)
      .limit(COUNT_CAP + 1)
      .as("c"),
  );
  const { items, nextCursor } = pageOf(rows, q.limit, (c) => [c.dueKey, c.receivedKey, c.id]);
  return {
    rows: items.map(({ dueKey: _d, receivedKey: _r, ...c }) => c),
    nextCursor,
    total: Math.min(Number(n), COUNT_CAP),
    totalCapped: Number(n) > COUNT_CAP,
  };
}

/** The limits of a category: its own row, else the operator's '*' row, else the defaults. */
export async function limitsFor(db: DbOrTx, category: string): Promise<ComplaintLimits> {
  const rows = await db
    .select()
    .from(complaintLimits)
    .where(inArray(complaintLimits.category, [category, "*"]));
  const row = rows.find((r) => r.category === category) ?? rows.find((r) => r.category === "*");
  return row ? { ...row } : DEFAULT_LIMITS;
}

/** The people to tell at an escalation level: hall managers, area managers of the region. */
export async function staffWithRole(
  db: DbOrTx,
  role: "hall_manager" | "area_manager",
  where: { hallId?: string | null; regionCode?: string },
) {
  const rows = await activeStaff(db, { role });
  return rows.filter((u) =>
    role === "hall_manager" ? u.hallId === where.hallId : u.regionCode === where.regionCode,
  );
}

/**
 * Who a complaint may be handed over to (首问负责制), most likely first: its hall's staff, the region's
 * area managers, the operator's administrators (rules.ts, handOverGroup). Never its current owner.
 * `q` narrows by name or username.
 */
const operatorRoles = roles.filter((r) => roleScope[r] === "operator");

export async function possibleOwners(db: DbOrTx, c: ComplaintRow, q?: string, limit = 50) {
  // Only people who could be in scope are read; the hand-over rule decides among them.
  const rows = await activeStaff(db, {
    except: c.ownerId,
    within: { hallId: c.hallId, regionCode: c.regionCode, roles: operatorRoles },
    search: q,
  });
  return rows
    .flatMap((u) => {
      const group = handOverGroup(u, c);
      return group ? [{ ...u, group }] : [];
    })
    .sort(
      (a, b) =>
        handOverGroups.indexOf(a.group) - handOverGroups.indexOf(b.group) ||
        a.displayName.localeCompare(b.displayName, "zh-CN") ||
        a.username.localeCompare(b.username),
    )
    .slice(0, limit);
}
