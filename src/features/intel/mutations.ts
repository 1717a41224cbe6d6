import { and, eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { illegalState } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import { findBlindSpot, presentBlindSpot, presentVillage } from "./data.js";
import { fieldBlindSpots, fieldVillages } from "./tables.js";

type VillageInput = {
  areaCode: string;
  town: string;
  village: string;
  population?: number;
  households?: number;
  ourProducts?: string;
  competitorProducts?: string;
  channels?: string;
  competitorPrices?: string;
  competitorTactics?: string;
};

/** One row per (area, town, village), updated in place: the latest facts gathered win. */
export async function saveVillage(db: Db, input: VillageInput, userId: string | null, now = new Date()) {
  const { areaCode, ...rest } = input;
  const values = { ...rest, regionCode: areaCode, updatedBy: userId, updatedAt: now };
  const [v] = await db
    .insert(fieldVillages)
    .values(values)
    .onConflictDoUpdate({
      target: [fieldVillages.regionCode, fieldVillages.town, fieldVillages.village],
      set: { ...rest, updatedBy: userId, updatedAt: now },
    })
    .returning();
  return presentVillage(v);
}

export async function reportBlindSpot(
  db: Db,
  input: {
    areaCode: string;
    town?: string;
    village: string;
    place: string;
    kind: "no_signal" | "weak_signal";
    description?: string;
    customerId?: string;
  },
  userId: string | null,
) {
  const { areaCode, ...rest } = input;
  const [b] = await db
    .insert(fieldBlindSpots)
    .values({ ...rest, regionCode: areaCode, reportedBy: userId })
    .returning();
  return presentBlindSpot(b);
}

/** reported → forwarded: a message to the network department (网络部), once, through the outbox. */
export async function forwardBlindSpot(db: Db, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [b] = await tx
      .update(fieldBlindSpots)
      .set({ status: "forwarded", forwardedAt: now })
      .where(and(eq(fieldBlindSpots.id, id), eq(fieldBlindSpots.status, "reported")))
      .returning();
    if (!b) throw illegalState("blind-spot report", (await findBlindSpot(tx, id)).status, "forward");
    await enqueueMessage(tx, {
      channel: "webhook",
      recipient: "network-department",
      body: `网络盲点/弱信号：${b.town ?? ""}${b.village} ${b.place}（${b.kind === "no_signal" ? "无信号" : "信号弱"}）`,
      payload: { ...presentBlindSpot(b), type: "field.blind_spot" },
      dedupeKey: `field-blind-spot:${b.id}`,
    });
    return presentBlindSpot(b);
  });
}

/** forwarded → answered: the network department's answer, recorded to tell the customer. */
export async function answerBlindSpot(db: Db, id: string, answer: string, now = new Date()) {
  const [b] = await db
    .update(fieldBlindSpots)
    .set({ status: "answered", answer, answeredAt: now })
    .where(and(eq(fieldBlindSpots.id, id), eq(fieldBlindSpots.status, "forwarded")))
    .returning();
  if (!b) throw illegalState("blind-spot report", (await findBlindSpot(db, id)).status, "answer");
  return presentBlindSpot(b);
}
