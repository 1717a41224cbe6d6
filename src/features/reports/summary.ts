import type { Db } from "../../core/db.js";
import { daysOf, type Period } from "../../core/periods.js";
import { localParts } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { firstServiceDate } from "../queue/data/day-figures.js";
import { closedDays, readRollups } from "./data/rollups.js";
import { addCounts, type Counts } from "./figures.js";
import { closeHallDay, computeHallDay } from "./mutations/rollups.js";

// A report's counts for some halls over a period: the closed days from the roll-ups (a day the sweeper
// has not reached yet is closed here first), today live. Per hall and per business type, so a scope's
// children and its business types add up to it.

export type Grouped = {
  total: Counts;
  byHall: Map<string, Counts>;
  byBusinessType: Map<string, Counts>;
  byDay: Map<string, Counts>;
};

/** The first local day a hall can have figures: its creation, or its first ticket when older (history). */
export async function firstDayOf(db: Db, hall: Hall, timeZone: string) {
  const created = localParts(new Date(hall.createdAt), timeZone).date;
  const first = await firstServiceDate(db, hall.id);
  return first && first < created ? first : created;
}

export async function countsOf(
  db: Db,
  halls: Hall[],
  period: Period,
  timeZone: string,
  now = new Date(),
): Promise<Grouped> {
  const today = localParts(now, timeZone).date;
  const pastTo = period.to < today ? period.to : today;
  const ids = halls.map((h) => h.id);
  if (period.from < pastTo) {
    // A day the sweeper has not reached is closed here first; when every hall-day is closed (the usual
    // case) no hall is looked at one by one.
    const closed = await closedDays(db, ids, period.from, pastTo);
    if (closed.size < halls.length * daysOf(period.from, pastTo).length)
      for (const hall of halls) {
        const first = await firstDayOf(db, hall, timeZone);
        for (const d of daysOf(period.from > first ? period.from : first, pastTo))
          if (!closed.has(`${hall.id}|${d}`)) await closeHallDay(db, hall, d, timeZone);
      }
  }
  const rows: (Counts & { hallId: string; businessType: string; serviceDate: string })[] =
    period.from < pastTo ? await readRollups(db, ids, period.from, pastTo) : [];
  if (period.from <= today && today < period.to) {
    const live = await Promise.all(halls.map((hall) => computeHallDay(db, hall, today, timeZone)));
    live.forEach((dayRows, i) => {
      for (const r of dayRows) rows.push({ ...r, hallId: halls[i].id, serviceDate: today });
    });
  }
  const group = (key: (r: (typeof rows)[number]) => string | null) => {
    const m = new Map<string, (typeof rows)[number][]>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return new Map([...m].map(([k, v]) => [k, addCounts(v)]));
  };
  return {
    total: addCounts(rows),
    byHall: group((r) => r.hallId),
    byBusinessType: group((r) => (r.businessType === "" ? null : r.businessType)),
    byDay: group((r) => r.serviceDate),
  };
}
