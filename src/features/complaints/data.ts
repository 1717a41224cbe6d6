import { and, asc, desc, eq, ilike, inArray, isNotNull, lte, or, type SQL, sql } from "drizzle-orm";
import { can, coversHall, maskPhone, type Principal, type Role, roleScope } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { users } from "../../core/tables.js";
import type { Complaint, ListComplaintsQuery, WorkOrder } from "./contract.js";
import { type ComplaintLimits, DEFAULT_LIMITS, OPEN_STATES } from "./rules.js";
import { complaintHistory, complaintLimits, complaints, typicalCases, workOrders } from "./tables.js";

export type ComplaintRow = typeof complaints.$inferSelect;
export type WorkOrderRow = typeof workOrders.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API's view of a complaint; the phone is masked unless the caller may see it whole (R-PRIVACY). */
export function presentComplaint(
  c: ComplaintRow,
  unmask: boolean,
  extra: Partial<Complaint> = {},
): Complaint {
  return {
    id: c.id,
    kind: c.kind,
    hallId: c.hallId,
    regionCode: c.regionCode,
    ticketId: c.ticketId,
    customer: { name: c.customerName, phone: unmask ? c.customerPhone : maskPhone(c.customerPhone) },
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
    typicalCase: false,
    ...extra,
  };
}

export function presentWorkOrder(w: WorkOrderRow, c?: ComplaintRow): WorkOrder {
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

export async function complaintDetail(db: DbOrTx, c: ComplaintRow, unmask: boolean): Promise<Complaint> {
  const history = await db
    .select({ h: complaintHistory, name: users.displayName })
    .from(complaintHistory)
    .leftJoin(users, eq(users.id, complaintHistory.actorId))
    .where(eq(complaintHistory.complaintId, c.id))
    .orderBy(asc(complaintHistory.at), asc(complaintHistory.id));
  const orders = await db
    .select()
    .from(workOrders)
    .where(eq(workOrders.complaintId, c.id))
    .orderBy(asc(workOrders.createdAt));
  const [owner] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, c.ownerId));
  const [tc] = await db
    .select({ id: typicalCases.id })
    .from(typicalCases)
    .where(eq(typicalCases.complaintId, c.id));
  return presentComplaint(c, unmask, {
    ownerName: owner?.name ?? null,
    typicalCase: Boolean(tc),
    history: history.map(({ h, name }) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorId: h.actorId,
      actorName: name,
      note: h.note,
      at: h.at.toISOString(),
    })),
    workOrders: orders.map((w) => presentWorkOrder(w)),
  });
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
  const rows = await db
    .select()
    .from(complaints)
    .where(where)
    .orderBy(sql`${complaints.dueAt} asc nulls last`, desc(complaints.receivedAt))
    .limit(q.limit)
    .offset(q.offset);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(where);
  return { rows, total: Number(n) };
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
  const rows = await db
    .select({ id: users.id, username: users.username, hallId: users.hallId, regionCode: users.regionCode })
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true)));
  return rows.filter((u) =>
    role === "hall_manager" ? u.hallId === where.hallId : u.regionCode === where.regionCode,
  );
}

export async function findUser(db: DbOrTx, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

/** Who may take a complaint over: active staff who record complaints and whose scope covers it. */
export async function possibleOwners(db: DbOrTx, c: ComplaintRow) {
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      hallId: users.hallId,
      regionCode: users.regionCode,
    })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.username));
  return rows.filter((u) => {
    const p = {
      kind: "user" as const,
      id: u.id,
      username: "",
      displayName: u.displayName,
      role: u.role as Role,
      hallId: u.hallId,
      regionCode: u.regionCode,
    };
    return can(p, "complaint.record") && coversHall(p, { id: c.hallId ?? "", regionCode: c.regionCode });
  });
}
