import { and, asc, eq, ilike, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { AppError, notFound } from "../../core/errors.js";
import { rowOf, run, statement } from "../../core/statements.js";
import { staffNames } from "../users/data.js";
import { ShortCache } from "./cache.js";
import type { BusinessType, Counter, Hall, HallSettings } from "./contract.js";
import { mergeSettings } from "./rules.js";
import { businessTypes, counters, halls, settingsOverrides } from "./tables.js";

type HallRow = typeof halls.$inferSelect;
type CounterRow = typeof counters.$inferSelect;

export const presentHall = (h: HallRow, inherited: HallSettings = {}): Hall => ({
  id: h.id,
  name: h.name,
  nameEn: h.nameEn,
  type: h.type,
  regionCode: h.regionCode,
  address: h.address,
  openingHours: h.openingHours,
  latitude: h.latitude,
  longitude: h.longitude,
  settings: h.settings,
  effectiveSettings: mergeSettings(inherited, h.settings),
  createdAt: h.createdAt.toISOString(),
});

export const presentCounter = (c: CounterRow): Counter => ({
  id: c.id,
  hallId: c.hallId,
  label: c.label,
  labelEn: c.labelEn,
  number: c.number,
  businessTypes: c.businessTypes,
  vip: c.vip,
  express: c.express,
  status: c.status,
  staffId: c.staffId,
  openedAt: c.openedAt?.toISOString() ?? null,
  away: c.awaySince ? { since: c.awaySince.toISOString(), reason: c.awayReason ?? "" } : null,
  active: c.active,
});

export const hallCache = new ShortCache<Hall | null>();
export const catalogCache = new ShortCache<BusinessType | null>();

/**
 * A hall, from this instance's cache of `db`'s halls. Inside a transaction pass it as `via`: a miss is
 * read through the transaction (PGlite has one connection, which the transaction holds).
 */
export async function findHall(db: DbOrTx, hallId: string, via: DbOrTx = db): Promise<Hall | null> {
  return hallCache.get(db, hallId, async () => {
    const [h] = await via.select().from(halls).where(eq(halls.id, hallId)).limit(1);
    return h ? presentHall(h, (await inheritedSettings(via))(h.regionCode)) : null;
  });
}

/** The settings levels above the halls: a function from a region to what its halls inherit. */
export async function inheritedSettings(db: DbOrTx): Promise<(regionCode: string) => HallSettings> {
  const rows = await db.select().from(settingsOverrides);
  const by = new Map(rows.map((r) => [r.scope, r.settings]));
  return (regionCode) => mergeSettings(by.get("operator") ?? {}, by.get(`region:${regionCode}`) ?? {});
}

/** One settings level (operator or region:<code>) as stored, or empty. */
export async function settingsLevel(db: DbOrTx, scope: string) {
  const [r] = await db.select().from(settingsOverrides).where(eq(settingsOverrides.scope, scope));
  return r ?? null;
}

export async function getHall(db: DbOrTx, hallId: string, via: DbOrTx = db): Promise<Hall> {
  const h = await findHall(db, hallId, via);
  if (!h) throw notFound("Hall");
  return h;
}

export async function listHalls(
  db: DbOrTx,
  filter: { regionCode?: string; type?: Hall["type"]; q?: string; excludeId?: string },
): Promise<Hall[]> {
  const rows = await db
    .select()
    .from(halls)
    .where(
      and(
        filter.regionCode ? eq(halls.regionCode, filter.regionCode) : undefined,
        filter.type ? eq(halls.type, filter.type) : undefined,
        filter.q ? ilike(halls.name, `%${filter.q.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
        filter.excludeId ? ne(halls.id, filter.excludeId) : undefined,
      ),
    )
    .orderBy(asc(halls.name));
  const inherited = await inheritedSettings(db);
  return rows.map((h) => presentHall(h, inherited(h.regionCode)));
}

/** The hall's counters, each with its holder's name (who works it now). */
export async function listCounters(db: DbOrTx, hallId: string): Promise<Counter[]> {
  const rows = await db
    .select()
    .from(counters)
    .where(eq(counters.hallId, hallId))
    .orderBy(asc(counters.number));
  const names = await staffNames(
    db,
    rows.flatMap((c) => (c.staffId ? [c.staffId] : [])),
  );
  return rows.map((c) => ({
    ...presentCounter(c),
    staffName: c.staffId ? (names.get(c.staffId) ?? null) : null,
  }));
}

/** An instant in SQL as `Date.toISOString` writes it (stored instants have millisecond precision). */
const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * listCounters as a scalar subquery (jsonb, in number order) for another feature's statement text: the
 * queue view reads the hall's whole picture in one statement. queue-view.test.ts holds the two equal.
 */
export const countersJsonSql = (hallParam: string) =>
  `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'hallId', c.hall_id, 'label', c.label,
       'labelEn', c.label_en, 'number', c.number, 'businessTypes', to_jsonb(c.business_types), 'vip', c.vip,
       'express', c.express, 'status', c.status, 'staffId', c.staff_id, 'openedAt', ${isoSql("c.opened_at")}, 'active', c.active,
       'away', CASE WHEN c.away_since IS NULL THEN NULL
         ELSE jsonb_build_object('since', ${isoSql("c.away_since")}, 'reason', coalesce(c.away_reason, '')) END,
       'staffName', u.display_name) ORDER BY c.number), '[]'::jsonb)
     FROM counters c LEFT JOIN users u ON u.id = c.staff_id WHERE c.hall_id = ${hallParam})`;

/** A counter of this hall; another hall's counter id is "not found" here, never a leak across halls. */
export async function getCounter(db: DbOrTx, hallId: string, counterId: string): Promise<Counter> {
  const [c] = await db
    .select()
    .from(counters)
    .where(and(eq(counters.id, counterId), eq(counters.hallId, hallId)))
    .limit(1);
  if (!c) throw notFound("Counter");
  return presentCounter(c);
}

/**
 * A counter of a hall, locked for the rest of the transaction (one call at a time per counter), as a
 * query; lockCounter runs it, and call-next's statement (queue) holds it as its first part.
 */
export const lockedCounterSql = (hallParam: string, counterParam: string) =>
  `SELECT * FROM counters WHERE id = ${counterParam} AND hall_id = ${hallParam} FOR UPDATE`;

const selectCounterForUpdate = statement(lockedCounterSql("$2::uuid", "$1::uuid"));

/** A counter's row of a hall, locked for the rest of the transaction: open, close, step away, come back. */
export async function lockCounterRow(tx: DbOrTx, hallId: string, counterId: string): Promise<CounterRow> {
  const [c] = await run(tx, selectCounterForUpdate, [counterId, hallId]);
  if (!c) throw notFound("Counter");
  return rowOf(counters)(c);
}

/** Whether a hall has an open VIP counter (贵宾窗口), as a boolean subquery for another feature's statement. */
export const openVipCounterSql = (hallParam: string) =>
  `EXISTS (SELECT 1 FROM counters WHERE hall_id = ${hallParam} AND status = 'open' AND vip)`;

/** The number of open counters of a hall, as a scalar subquery for another feature's statement text. */
export const openCountersSql = (hallParam: string) =>
  `(SELECT count(*)::int FROM counters WHERE hall_id = ${hallParam} AND status = 'open')`;

/** The same as a scalar subquery for another feature's statement text. */
export const openCountersServingSql = (hallParam: string, typeParam: string) =>
  `(SELECT count(*)::int FROM counters WHERE hall_id = ${hallParam} AND status = 'open' AND ${typeParam} = ANY(business_types))`;

export async function listBusinessTypes(db: DbOrTx): Promise<BusinessType[]> {
  const rows = await db
    .select()
    .from(businessTypes)
    .orderBy(asc(businessTypes.sortOrder), asc(businessTypes.code));
  return rows as BusinessType[];
}

export async function getBusinessType(db: DbOrTx, code: string): Promise<BusinessType> {
  const b = await catalogCache.get(db, code, async () => {
    const [row] = await db.select().from(businessTypes).where(eq(businessTypes.code, code)).limit(1);
    return (row as BusinessType | undefined) ?? null;
  });
  if (!b) throw notFound(`Business type ${code}`);
  return b;
}

/** Business-type codes named in a request (a counter's, a hall's limits): unknown ones are a 400. */
/** The business types a hall's settings name (waiting limits, the express lane) are the catalog's. */
export async function checkSettingCodes(db: DbOrTx, settings: HallSettings | undefined) {
  if (!settings) return;
  await checkCodes(db, [
    ...new Set([...Object.keys(settings.waitLimitSeconds ?? {}), ...(settings.expressBusinessTypes ?? [])]),
  ]);
}

export async function checkCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return;
  const found = await db
    .select({ code: businessTypes.code })
    .from(businessTypes)
    .where(inArray(businessTypes.code, codes));
  const known = new Set(found.map((f) => f.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError("invalid_input", `Unknown business type(s): ${unknown.join(", ")}`);
}
