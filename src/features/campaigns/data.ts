import { and, asc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import type { CampaignState } from "./contract.js";
import type { CampaignLike } from "./rules.js";
import { campaigns } from "./tables.js";

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignRecord = CampaignLike & Omit<CampaignRow, "fromDate" | "toDate">;

export const recordOf = (r: CampaignRow): CampaignRecord => {
  const { fromDate, toDate, ...rest } = r;
  return { ...rest, from: fromDate, to: toDate };
};

/** The campaigns whose period meets [from, to], earliest first (the table is small: the period index). */
export async function campaignsBetween(
  db: DbOrTx,
  from: string,
  to: string,
  state?: CampaignState,
): Promise<CampaignRecord[]> {
  const where: (SQL | undefined)[] = [gte(campaigns.toDate, from), lte(campaigns.fromDate, to)];
  if (state) where.push(eq(campaigns.state, state));
  const rows = await db
    .select()
    .from(campaigns)
    .where(and(...where))
    .orderBy(asc(campaigns.fromDate), asc(campaigns.name), asc(campaigns.id));
  return rows.map(recordOf);
}

export async function findCampaign(db: DbOrTx, id: string, lock = false): Promise<CampaignRecord> {
  const q = db.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("Campaign");
  return recordOf(row);
}
