import { and, asc, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../core/db.js";
import { illegalState, notFound } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import { regionFilter } from "./data.js";
import type { FieldScope } from "./scope.js";
import { fieldBlindSpots, fieldVillages } from "./tables.js";

// R-INTEL (RA 2.2 信息收集): village facts, and blind spots forwarded to the network department.
type VillageRow = typeof fieldVillages.$inferSelect;
type BlindSpotRow = typeof fieldBlindSpots.$inferSelect;

const presentVillage = (v: VillageRow) => ({
  areaCode: v.regionCode,
  town: v.town,
  village: v.village,
  population: v.population,
  households: v.households,
  ourProducts: v.ourProducts,
  competitorProducts: v.competitorProducts,
  channels: v.channels,
  competitorPrices: v.competitorPrices,
  competitorTactics: v.competitorTactics,
  updatedAt: v.updatedAt.toISOString(),
});

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

export async function listVillages(db: DbOrTx, scope: FieldScope) {
  const rows = await db
    .select()
    .from(fieldVillages)
    .where(regionFilter(scope, fieldVillages.regionCode))
    .orderBy(asc(fieldVillages.town), asc(fieldVillages.village));
  return rows.map(presentVillage);
}

export const presentBlindSpot = (b: BlindSpotRow) => ({
  id: b.id,
  areaCode: b.regionCode,
  town: b.town,
  village: b.village,
  place: b.place,
  kind: b.kind,
  description: b.description,
  customerId: b.customerId,
  status: b.status,
  forwardedAt: b.forwardedAt?.toISOString() ?? null,
  answer: b.answer,
  answeredAt: b.answeredAt?.toISOString() ?? null,
  createdAt: b.createdAt.toISOString(),
});

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

export async function findBlindSpot(db: DbOrTx, id: string): Promise<BlindSpotRow> {
  const [b] = await db.select().from(fieldBlindSpots).where(eq(fieldBlindSpots.id, id));
  if (!b) throw notFound("Blind-spot report");
  return b;
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

export async function listBlindSpots(db: DbOrTx, scope: FieldScope, status?: BlindSpotRow["status"]) {
  const rows = await db
    .select()
    .from(fieldBlindSpots)
    .where(
      and(
        regionFilter(scope, fieldBlindSpots.regionCode),
        status ? eq(fieldBlindSpots.status, status) : undefined,
      ),
    )
    .orderBy(asc(fieldBlindSpots.village), desc(fieldBlindSpots.createdAt))
    .limit(1000);
  return rows.map(presentBlindSpot);
}
