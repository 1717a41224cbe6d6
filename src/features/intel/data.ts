import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { regionFilter } from "../customers/data.js";
import type { FieldScope } from "../customers/scope.js";
import { fieldBlindSpots, fieldVillages } from "./tables.js";

// R-INTEL (RA 2.2 信息收集): village facts, and blind spots forwarded to the network department.
type VillageRow = typeof fieldVillages.$inferSelect;
type BlindSpotRow = typeof fieldBlindSpots.$inferSelect;

export const presentVillage = (v: VillageRow) => ({
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

export async function findBlindSpot(db: DbOrTx, id: string): Promise<BlindSpotRow> {
  const [b] = await db.select().from(fieldBlindSpots).where(eq(fieldBlindSpots.id, id));
  if (!b) throw notFound("Blind-spot report");
  return b;
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
