// The pure half of `tingwu seed-history`: one hall's day as the queue would have recorded it — who came
// when and for what (the simulator's arrival profile and business mix), how long they waited for the
// staffed counters, how long they took, who did not come when called, who left for an e-channel.
// No I/O here: the same seed gives the same day, and the rows are written by seed-history.ts.

import type { Rng } from "../features/staff/random.js";
import {
  arrivalTimes,
  BUSINESS_MIX,
  pickWeighted,
  serviceSeconds,
  staffedCounters,
} from "./simulate-model.js";

export type HistoryTicket = {
  /** Seconds after the day's opening. */
  issuedAt: number;
  businessType: string;
  vip: boolean;
  phone: string | null;
  status: "finished" | "cancelled" | "diverted" | "no_show";
  /** Place in line (seconds after opening): the issue time, or later for a returned no-show. */
  queueAt: number;
  counter: number | null;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** First call's wait. */
  waitSeconds: number | null;
  handlingSeconds: number | null;
  /** Called, did not come (过号); back and served later when returnedAt is set. */
  noShowAt: number | null;
  /** The counter that called the no-show. */
  noShowCounter: number | null;
  returnedAt: number | null;
  divertChannel: string | null;
  recommended: string[];
  accepted: string[];
  greeted: number | null;
};

export type HallDayOptions = {
  /** Expected tickets over the day (the profile is scaled to it). */
  ticketsPerDay: number;
  counters: number;
  openHour: number;
  hours: number;
  /** handlingLimitSeconds by business type; only these types are drawn. */
  handlingLimits: Record<string, number>;
  divertChannels: Record<string, string[]>;
};

// About 700 customers come to a 6-counter hall over the profile's 10 hours (simulate-model.ts).
const PROFILE_TICKETS = 700;
const WALK_TO_COUNTER = 20;
const NO_SHOW_WAIT = 60;
const BETWEEN_CUSTOMERS = 5;
const PRODUCTS = ["5G套餐升级", "宽带提速", "家庭融合套餐", "流量加油包"];

/** A whole day of one hall: every ticket in issue order, with its times. */
export function drawHallDay(rng: Rng, o: HallDayOptions): HistoryTicket[] {
  const scale = (6 * o.ticketsPerDay) / PROFILE_TICKETS;
  const mix = Object.fromEntries(Object.entries(BUSINESS_MIX).filter(([code]) => code in o.handlingLimits));
  const tickets: HistoryTicket[] = arrivalTimes(rng, o.openHour, o.hours, scale).map((at) => {
    const businessType = pickWeighted(rng, mix);
    const r = rng();
    const channels = o.divertChannels[businessType] ?? [];
    const diverted = channels.length > 0 && r < 0.03;
    return {
      issuedAt: Math.round(at),
      businessType,
      vip: rng() < 0.05,
      phone: rng() < 0.3 ? `139${String(Math.floor(rng() * 1e8)).padStart(8, "0")}` : null,
      status: diverted ? "diverted" : r < 0.04 ? "cancelled" : "finished",
      queueAt: Math.round(at),
      counter: null,
      calledAt: null,
      startedAt: null,
      finishedAt: diverted ? Math.round(at + 60 + rng() * 240) : null,
      waitSeconds: null,
      handlingSeconds: null,
      noShowAt: null,
      noShowCounter: null,
      returnedAt: null,
      divertChannel: diverted ? channels[Math.floor(rng() * channels.length)] : null,
      recommended: [],
      accepted: [],
      greeted: rng() < 0.7 ? Math.round(at - 30 + rng() * 60) : null,
    };
  });
  serveDay(rng, tickets, o);
  return tickets;
}

/** Plays the day through the staffed counters: VIP first, then by place in line. */
function serveDay(rng: Rng, tickets: HistoryTicket[], o: HallDayOptions) {
  const close = o.hours * 3600;
  const staffedAt = (t: number) =>
    t >= close ? o.counters : staffedCounters(o.openHour + t / 3600, o.counters);
  const freeAt = Array.from({ length: o.counters }, () => 0);
  // Cancellations leave the line after a while without being called.
  for (const t of tickets) {
    if (t.status === "cancelled") t.finishedAt = Math.round(t.issuedAt + 120 + rng() * 600);
  }
  const arrivals = tickets.filter((t) => t.status === "finished").sort((a, b) => a.queueAt - b.queueAt);
  const line: HistoryTicket[] = [];
  let next = 0;
  for (;;) {
    let c = 0;
    for (let k = 1; k < o.counters; k++) if (freeAt[k] < freeAt[c]) c = k;
    const now = freeAt[c];
    if (c >= staffedAt(now)) {
      // Not staffed at this hour: this counter comes back at the next hour.
      freeAt[c] = (Math.floor(now / 3600) + 1) * 3600;
      continue;
    }
    while (next < arrivals.length && arrivals[next].queueAt <= now) line.push(arrivals[next++]);
    if (line.length === 0) {
      if (next >= arrivals.length) return;
      freeAt[c] = arrivals[next].queueAt;
      continue;
    }
    let best = 0;
    for (let k = 1; k < line.length; k++) {
      const a = line[k];
      const b = line[best];
      if (Number(a.vip) > Number(b.vip) || (a.vip === b.vip && a.queueAt < b.queueAt)) best = k;
    }
    const t = line.splice(best, 1)[0];
    t.counter = c;
    if (t.calledAt === null) {
      t.calledAt = now;
      t.waitSeconds = now - t.issuedAt;
      if (rng() < 0.04) {
        // 过号: called, did not come; half of them come back and are put back in line.
        t.noShowAt = now + NO_SHOW_WAIT;
        t.noShowCounter = c;
        freeAt[c] = t.noShowAt + BETWEEN_CUSTOMERS;
        if (rng() < 0.5) {
          t.returnedAt = Math.round(t.noShowAt + 120 + rng() * 480);
          t.queueAt = t.returnedAt;
          insertArrival(arrivals, next, t);
        } else {
          t.status = "no_show";
          t.counter = null;
        }
        continue;
      }
    } else t.calledAt = now;
    t.startedAt = now + Math.round(WALK_TO_COUNTER * (0.5 + rng()));
    t.handlingSeconds = Math.round(serviceSeconds(rng, o.handlingLimits[t.businessType]));
    t.finishedAt = t.startedAt + t.handlingSeconds;
    if (rng() < 0.15) {
      t.recommended = [PRODUCTS[Math.floor(rng() * PRODUCTS.length)]];
      t.accepted = rng() < 0.3 ? t.recommended : [];
    }
    freeAt[c] = t.finishedAt + BETWEEN_CUSTOMERS;
  }
}

/** Puts a returning customer among the arrivals still to come, in queue order. */
function insertArrival(arrivals: HistoryTicket[], from: number, t: HistoryTicket) {
  let i = from;
  while (i < arrivals.length && arrivals[i].queueAt <= t.queueAt) i++;
  arrivals.splice(i, 0, t);
}

export const RATINGS = ["very_satisfied", "satisfied", "neutral", "unsatisfied", "very_unsatisfied"] as const;

/** A pad rating, worse after a long wait: most customers are satisfied, a few are not. */
export function drawRating(rng: Rng, waitedTooLong: boolean): (typeof RATINGS)[number] {
  const r = rng() + (waitedTooLong ? 0.25 : 0);
  if (r < 0.55) return "very_satisfied";
  if (r < 0.85) return "satisfied";
  if (r < 0.95) return "neutral";
  if (r < 1.05) return "unsatisfied";
  return "very_unsatisfied";
}
