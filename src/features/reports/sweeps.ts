import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import { nextDay } from "../../core/periods.js";
import { localParts } from "../../core/time.js";
import { listHalls } from "../halls/data.js";
import { lastClosedDay, lastClosedRegionDay } from "./data/rollups.js";
import { closeRegionDay } from "./mutations/region-rollups.js";
import { closeHallDay } from "./mutations/rollups.js";
import { firstDayOf, firstRegionDayOf } from "./summary.js";

// Issue 15: closing each hall's local days into roll-ups. Idempotent (a day is replaced whole), safe with
// several instances (an advisory lock per hall-day), and it catches up after downtime, a month per hall
// per pass, from the day after the last closed one.

const EVERY_MS = 60_000;
const DAYS_PER_PASS = 31;

export async function sweepRollups(db: Db, timeZone: string, now = new Date()) {
  const today = localParts(now, timeZone).date;
  let closed = 0;
  const halls = await listHalls(db, {});
  for (const hall of halls) {
    const last = await lastClosedDay(db, hall.id);
    let day = last ? nextDay(last) : await firstDayOf(db, hall, timeZone);
    for (let i = 0; i < DAYS_PER_PASS && day < today; i++, day = nextDay(day))
      if (await closeHallDay(db, hall, day, timeZone)) closed++;
  }
  // The regions' own records (complaints, faults, field visits), a region-day at a time the same way.
  for (const code of [...new Set(halls.map((h) => h.regionCode))].sort()) {
    const last = await lastClosedRegionDay(db, code);
    let day = last
      ? nextDay(last)
      : await firstRegionDayOf(
          db,
          halls.filter((h) => h.regionCode === code),
          timeZone,
        );
    for (let i = 0; i < DAYS_PER_PASS && day < today; i++, day = nextDay(day))
      if (await closeRegionDay(db, code, day, timeZone)) closed++;
  }
  return closed;
}

export function registerReportSweeps(ctx: AppContext) {
  let lastRun = 0;
  ctx.sweeper.add({
    name: "report-rollups",
    // A day closes once: a pass a minute is enough, and keeps the per-hall reads off the 5-second beat.
    run: async () => {
      if (Date.now() - lastRun < EVERY_MS) return 0;
      lastRun = Date.now();
      return sweepRollups(ctx.db, ctx.env.TINGWU_TIMEZONE);
    },
  });
}
