import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows, sqlArray } from "../../../core/db.js";
import type { BusinessType, Hall } from "../../halls/contract.js";
import { listHalls, openCountersServingSql } from "../../halls/data.js";
import { distanceKm } from "../../halls/rules.js";
import { placeFrom, recentMeanSql } from "../data.js";

// R-DIVERT's real places: the other halls of the region that can do a business, nearest first, each with
// how many wait for it there now and the estimated wait.

/** The region's other halls that may perform the type, nearest first (no coordinates: last). */
export async function hallsByDistance(db: DbOrTx, hall: Hall, bt: BusinessType) {
  const others = (await listHalls(db, { regionCode: hall.regionCode, excludeId: hall.id })).filter(
    (h) => !bt.forbiddenHallTypes.includes(h.type),
  );
  const km = (h: Hall) =>
    hall.latitude != null && hall.longitude != null && h.latitude != null && h.longitude != null
      ? distanceKm(
          { latitude: hall.latitude, longitude: hall.longitude },
          { latitude: h.latitude, longitude: h.longitude },
        )
      : Number.POSITIVE_INFINITY;
  return others.map((h) => ({ h, km: km(h) })).sort((a, b) => a.km - b.km);
}

/** Each hall's line for a type now: waiting, the recent mean handling time, the open counters serving it. */
async function linesOf(db: DbOrTx, hallIds: string[], businessType: string) {
  if (hallIds.length === 0) return new Map<string, { waiting: number; mean: number | null; serving: number }>();
  const rows = await queryRows<{ id: string; waiting: number; mean: number | null; serving: number }>(
    db,
    sql`SELECT h.id,
          (SELECT count(*)::int FROM tickets t
            WHERE t.hall_id = h.id AND t.status = 'waiting' AND t.business_type = ${businessType}) AS waiting,
          ${sql.raw(recentMeanSql("h.id", "b.code"))} AS mean,
          ${sql.raw(openCountersServingSql("h.id", "b.code"))} AS serving
        FROM unnest(${sqlArray(hallIds, "uuid")}) AS h(id), (SELECT ${businessType}::text AS code) b`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { waiting: Number(r.waiting), mean: r.mean === null ? null : Number(r.mean), serving: Number(r.serving) },
    ]),
  );
}

/** Up to `limit` halls open now that can do the business instead, nearest first, with their wait now. */
export async function nearbyHallsFor(
  db: DbOrTx,
  hall: Hall,
  bt: BusinessType,
  isOpen: (h: Hall) => boolean,
  limit = 3,
) {
  const near = (await hallsByDistance(db, hall, bt)).filter(({ h }) => isOpen(h)).slice(0, limit);
  const lines = await linesOf(
    db,
    near.map(({ h }) => h.id),
    bt.code,
  );
  return near.map(({ h, km }) => {
    const l = lines.get(h.id) ?? { waiting: 0, mean: null, serving: 0 };
    return {
      id: h.id,
      name: h.name,
      address: h.address,
      distanceKm: Number.isFinite(km) ? Math.round(km * 10) / 10 : null,
      waiting: l.waiting,
      // No counter open there for it: no estimate (the customer would wait for a counter to open).
      estimatedWaitSeconds:
        l.serving > 0 ? placeFrom({ ahead: l.waiting, ...l }, bt.handlingLimitSeconds).estimatedWaitSeconds : null,
    };
  });
}
