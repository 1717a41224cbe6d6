import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../core/db.js";
import { illegalState, notFound } from "../../../core/errors.js";
import { staffNames } from "../../users/data.js";
import { type OpportunityStage, opportunityStages } from "../../customers/contract.js";
import { type CustomerRow, customerNames, regionFilter } from "../../customers/data.js";
import { stageAllowed } from "../rules.js";
import type { FieldScope } from "../../customers/scope.js";
import { fieldOpportunities } from "../tables.js";

// opportunity (商机, R-OPP): new → qualified → proposal → negotiation → won, or lost from any open stage.
type OppRow = typeof fieldOpportunities.$inferSelect;

export const presentOpportunity = (o: OppRow, customerName?: string) => ({
  id: o.id,
  customerId: o.customerId,
  ...(customerName ? { customerName } : {}),
  agentId: o.agentId,
  title: o.title,
  product: o.product,
  amount: o.amount,
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
  input: { title: string; product?: string; amount?: number; visitRecordId?: string },
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
      amount: input.amount ?? null,
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
    .select()
    .from(fieldOpportunities)
    .where(and(...where))
    .orderBy(desc(fieldOpportunities.createdAt))
    .limit(500);
  const names = await customerNames(
    db,
    rows.map((o) => o.customerId),
  );
  return rows.flatMap((o) => (names.has(o.customerId) ? [presentOpportunity(o, names.get(o.customerId))] : []));
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
  const names = [...(await staffNames(db, agentIds))].map(([id, name]) => ({ id, name }));
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
    openFen: 0,
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
      line.openFen += fen(o.amount);
    }
  }
  return [...byAgent.values()]
    .map(({ openFen, ...line }) => ({ ...line, openValue: openFen / 100 }))
    .sort((a, b) => a.agentName.localeCompare(b.agentName));
}

// Amounts are summed in whole fen: 0.1 + 0.2 yuan is 0.3, not 0.30000000000000004.
const fen = (yuan: number | null) => Math.round((yuan ?? 0) * 100);

/** Corrects an open opportunity's title, product or amount (a closed one is on record as it ended). */
export async function updateOpportunity(
  db: Db,
  id: string,
  input: { title?: string; product?: string | null; amount?: number | null },
) {
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(fieldOpportunities).where(eq(fieldOpportunities.id, id)).for("update");
    if (!o) throw notFound("Opportunity");
    if (o.stage === "won" || o.stage === "lost") throw illegalState("opportunity", o.stage, "edit");
    if (Object.keys(input).length === 0) return presentOpportunity(o);
    const [u] = await tx
      .update(fieldOpportunities)
      .set(input)
      .where(eq(fieldOpportunities.id, id))
      .returning();
    return presentOpportunity(u);
  });
}

/** The pipeline of the caller's scope: per stage, the count and the summed amount (yuan), by the database. */
export async function pipelineTotals(db: DbOrTx, scope: FieldScope) {
  const rows = await db
    .select({
      stage: fieldOpportunities.stage,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(${fieldOpportunities.amount}), 0)::text`,
    })
    .from(fieldOpportunities)
    .where(regionFilter(scope, fieldOpportunities.regionCode))
    .groupBy(fieldOpportunities.stage);
  return opportunityStages.map((stage) => {
    const r = rows.find((x) => x.stage === stage);
    return { stage, count: Number(r?.count ?? 0), amount: Number(r?.amount ?? 0) };
  });
}
