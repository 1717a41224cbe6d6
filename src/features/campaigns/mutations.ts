import { eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { AppError, illegalState } from "../../core/errors.js";
import { type CampaignInput, type CampaignPatch, MAX_CAMPAIGN_DAYS } from "./contract.js";
import { type CampaignRecord, findCampaign, recordOf } from "./data.js";
import { campaigns } from "./tables.js";

/** Where a campaign applies: halls, a region, or (both null) the whole operator. */
export type CampaignScope = { hallIds: string[] | null; regionCode: string | null };

export async function createCampaign(
  db: Db,
  input: CampaignInput,
  scope: CampaignScope,
  by: string | null,
): Promise<CampaignRecord> {
  const [row] = await db
    .insert(campaigns)
    .values({
      name: input.name,
      fromDate: input.from,
      toDate: input.to,
      hallIds: scope.hallIds ? [...new Set(scope.hallIds)] : null,
      regionCode: scope.regionCode,
      businessTypes: input.businessTypes ?? [],
      talkingPoints: input.talkingPoints,
      faq: input.faq ?? [],
      products: input.products ?? [],
      createdBy: by,
    })
    .returning();
  return recordOf(row);
}

/** A draft's text and period change until it is approved; what reached the counters does not. */
export async function updateCampaign(db: Db, id: string, patch: CampaignPatch, now = new Date()) {
  return db.transaction(async (tx) => {
    const c = await findCampaign(tx, id, true);
    if (c.state !== "draft") throw illegalState("campaign", c.state, "edit");
    const from = patch.from ?? c.from;
    const to = patch.to ?? c.to;
    // The patch may move one end only: the whole period is checked here, as the body's refinement does.
    if (from > to || Date.parse(to) - Date.parse(from) >= MAX_CAMPAIGN_DAYS * 86_400_000)
      throw new AppError("invalid_input", `from comes before to, at most ${MAX_CAMPAIGN_DAYS} days`, {
        from,
        to,
      });
    const { from: _f, to: _t, ...rest } = patch;
    const [row] = await tx
      .update(campaigns)
      .set({ ...rest, fromDate: from, toDate: to, updatedAt: now })
      .where(eq(campaigns.id, id))
      .returning();
    return recordOf(row);
  });
}

export async function approveCampaign(db: Db, id: string, by: string | null, now = new Date()) {
  return db.transaction(async (tx) => {
    const c = await findCampaign(tx, id, true);
    if (c.state !== "draft") throw illegalState("campaign", c.state, "approve");
    const [row] = await tx
      .update(campaigns)
      .set({ state: "approved", approvedBy: by, approvedAt: now, updatedAt: now })
      .where(eq(campaigns.id, id))
      .returning();
    return recordOf(row);
  });
}

export async function withdrawCampaign(db: Db, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const c = await findCampaign(tx, id, true);
    if (c.state === "withdrawn") throw illegalState("campaign", c.state, "withdraw");
    const [row] = await tx
      .update(campaigns)
      .set({ state: "withdrawn", withdrawnAt: now, updatedAt: now })
      .where(eq(campaigns.id, id))
      .returning();
    return recordOf(row);
  });
}
