import type { Db } from "../../../core/db.js";
import { run, statement } from "../../../core/statements.js";
import { streamPositionSql } from "../../../core/stream-position.js";
import type { TodayStats } from "../contract.js";
import { type Day, dayStats } from "../data.js";

// Every screen of a hall asks for the day's figures a few seconds after the services that move them
// (web/src/api/live-hall.ts), so after one call 50 board screens ask within a moment for the same seven
// aggregates. They are computed once per change of the hall and shared: the key is where the hall's
// event stream stands (every change of a ticket, rating or breach writes an event), so an answer is never
// older than the hall's last change; within a stream position it is kept at most SHARE_MS, for the parts
// that move with the clock alone (the current half hour, the waits of those still waiting).

const SHARE_MS = 2_000;
const selectPosition = statement(`SELECT ${streamPositionSql("$1::uuid")}`);

type Entry = { at: number; figures: Promise<TodayStats> };
const shared = new WeakMap<object, Map<string, Entry>>();

/** dayStats, computed once for every caller that asks at the same stream position of the hall. */
export async function sharedDayStats(db: Db, hallId: string, day: Day): Promise<TodayStats> {
  const [p] = await run<{ stream_head: string | null; stream_seen: string[] }>(db, selectPosition, [hallId]);
  const key = `${hallId}|${day.date}|${day.nowSlot}|${p?.stream_head}|${p?.stream_seen.join(",")}`;
  let byKey = shared.get(db);
  if (!byKey) {
    byKey = new Map();
    shared.set(db, byKey);
  }
  const now = Date.now();
  const hit = byKey.get(key);
  if (hit && now - hit.at < SHARE_MS) return hit.figures;
  for (const [k, e] of byKey) if (now - e.at >= SHARE_MS) byKey.delete(k);
  const figures = dayStats(db, hallId, day);
  byKey.set(key, { at: now, figures });
  // A failed read is not shared: the next caller tries again.
  figures.catch(() => byKey.get(key)?.figures === figures && byKey.delete(key));
  return figures;
}
