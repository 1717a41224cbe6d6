import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../core/db.js";
import { illegalState, notFound } from "../../core/errors.js";
import { users } from "../../core/tables.js";
import type { OpportunityStage } from "./contract.js";
import { type CustomerRow, regionFilter } from "./data.js";
import { stageAllowed } from "./rules.js";
import type { FieldScope } from "./scope.js";
import { fieldCustomers, fieldOpportunities } from "./tables.js";

// opportunity (商机, R-OPP): new → qualified → proposal → negotiation → won, or lost from any open stage.
type OppRow = typeof fieldOpportunities.$inferSelect;

export const presentOpportunity = (o: OppRow, customerName?: string) => ({
  id: o.id,
  customerId: o.customerId,
  ...(customerName ? { customerName } : {}),
  agentId: o.agentId,
  title: o.title,
  product: o.product,
  estimatedValue: o.estimatedValue,
  stage: o.stage,
  history: o.history,
  createdAt: o.createdAt.toISOString(),
  closedAt: o.closedAt?.toISOString() ?? null,
});

export async function findOpportunity(db: DbOrTx, id: string): Promise<OppRow> {
  const [o] = await db.select().from(fieldOpportunities).where(eq(fieldOpportunities.id, id));
  if (!o) throw notFound("Opportunity");
  return o;
}

export async function createOpportunity(
  db: Db,
  customer: CustomerRow,
  agentId: string | null,
  input: { title: string; product?: string; estimatedValue?: number; visitRecordId?: string },
  now = new Date(),
) {
  const [o] = await db
    .insert(fieldOpportunities)
    .values({
      customerId: customer.id,
      regionCode: customer.regionCode,
      agentId: agentId ?? customer.agentId,
      visitRecordId: input.visitRecordId ?? null,
      title: input.title,
      product: input.product ?? null,
      estimatedValue: input.estimatedValue ?? null,
      history: [{ stage: "new", at: now.toISOString() }],
    })
    .returning();
  return presentOpportunity(o, customer.name);
}

export async function moveOpportunity(
  db: Db,
  id: string,
  stage: OpportunityStage,
  note?: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(fieldOpportunities).where(eq(fieldOpportunities.id, id)).for("update");
    if (!o) throw notFound("Opportunity");
    if (!stageAllowed(o.stage, stage)) throw illegalState("opportunity", o.stage, `move to ${stage}`);
    const [u] = await tx
      .update(fieldOpportunities)
      .set({
        stage,
        history: [...o.history, { stage, at: now.toISOString(), ...(note ? { note } : {}) }],
        closedAt: stage === "won" || stage === "lost" ? now : null,
      })
      .where(eq(fieldOpportunities.id, id))
      .returning();
    return presentOpportunity(u);
  });
}

export async function listOpportunities(
  db: DbOrTx,
  scope: FieldScope,
  q: { stage?: OpportunityStage; agentId?: string; customerId?: string },
) {
  const where: (SQL | undefined)[] = [regionFilter(scope, fieldOpportunities.regionCode)];
  if (q.stage) where.push(eq(fieldOpportunities.stage, q.stage));
  if (q.agentId) where.push(eq(fieldOpportunities.agentId, q.agentId));
  if (q.customerId) where.push(eq(fieldOpportunities.customerId, q.customerId));
  const rows = await db
    .select({ o: fieldOpportunities, name: fieldCustomers.name })
    .from(fieldOpportunities)
    .innerJoin(fieldCustomers, eq(fieldCustomers.id, fieldOpportunities.customerId))
    .where(and(...where))
    .orderBy(desc(fieldOpportunities.createdAt))
    .limit(500);
  return rows.map((r) => presentOpportunity(r.o, r.name));
}

/**
 * The weekly opportunity report per agent (RA 2.3 按周向片区经理汇报): what was created, moved, won and
 * lost between weekStart and weekEnd (instants), and what stays open.
 */
export async function weeklyOpportunityReport(db: DbOrTx, scope: FieldScope, from: Date, to: Date) {
  const rows = await db
    .select()
    .from(fieldOpportunities)
    .where(regionFilter(scope, fieldOpportunities.regionCode))
    .orderBy(asc(fieldOpportunities.createdAt));
  const agentIds = [...new Set(rows.flatMap((r) => (r.agentId ? [r.agentId] : [])))];
  const names = agentIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, agentIds))
    : [];
  const within = (at: string | Date) => {
    const t = new Date(at).getTime();
    return t >= from.getTime() && t < to.getTime();
  };
  const byAgent = new Map<string, ReturnType<typeof emptyLine>>();
  const emptyLine = (agentId: string | null) => ({
    agentId,
    agentName: names.find((n) => n.id === agentId)?.name ?? "—",
    created: 0,
    advanced: 0,
    won: 0,
    lost: 0,
    open: 0,
    openValue: 0,
  });
  for (const o of rows) {
    const key = o.agentId ?? "";
    const line = byAgent.get(key) ?? emptyLine(o.agentId);
    byAgent.set(key, line);
    if (within(o.createdAt)) line.created++;
    const moves = o.history.slice(1).filter((h) => within(h.at));
    line.advanced += moves.filter((h) => h.stage !== "won" && h.stage !== "lost").length;
    line.won += moves.filter((h) => h.stage === "won").length;
    line.lost += moves.filter((h) => h.stage === "lost").length;
    if (o.stage !== "won" && o.stage !== "lost" && o.createdAt.getTime() < to.getTime()) {
      line.open++;
      line.openValue += o.estimatedValue ?? 0;
    }
  }
  return [...byAgent.values()].sort((a, b) => a.agentName.localeCompare(b.agentName));
}
