import { eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { illegalState } from "../../core/errors.js";
import type { CampaignInput, CampaignPatch } from "./contract.js";
import { type CampaignRecord, findCampaign, recordOf } from "./data.js";
import { campaigns } from "./tables.js";

export async function createCampaign(
  db: Db,
  input: CampaignInput,
  by: string | null,
): Promise<CampaignRecord> {
  const [row] = await db
    .insert(campaigns)
    .values({
      name: input.name,
      fromDate: input.from,
      toDate: input.to,
      hallIds: input.hallIds ? [...new Set(input.hallIds)] : null,
      regionCode: input.regionCode ?? null,
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
    if (from > to) throw illegalState("campaign", "a period ending before it starts", "edit");
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
