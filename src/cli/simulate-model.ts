// The pure half of `tingwu simulate`: a business hall's day as numbers (when customers come, what they
// come for, how long they take, how many counters are staffed), drawn from the seeded random source of
// src/features/staff/random.ts, and the statistics of the summary. No I/O here, so every piece is
// unit-tested and a seed replays a day.
import { exponential, normal, type Rng, seededRng } from "../features/staff/random.js";

// Arrivals per hour per 6 staffed counters by local hour: a morning peak around 10:00, a lunch dip,
// and the bigger late-afternoon peak (16:00–18:00) when people come after work. Shaped after the
// busy-hour pattern of urban self-run halls: a 6-counter hall sees about 700 customers from 09:00 to
// 19:00, and at the peaks slightly more than its counters can serve, so a line builds and clears.
const HOURLY_ARRIVALS: Record<number, number> = {
  8: 20,
  9: 45,
  10: 90,
  11: 80,
  12: 50,
  13: 50,
  14: 60,
  15: 70,
  16: 95,
  17: 100,
  18: 65,
  19: 30,
  20: 20,
};

/** Expected arrivals per hour at a local time of day (hours, fractional), interpolated between hours. */
export function arrivalRate(hourOfDay: number, counters = 6): number {
  const at = (h: number) => HOURLY_ARRIVALS[h] ?? 10;
  const h = Math.floor(hourOfDay - 0.5);
  const f = hourOfDay - 0.5 - h;
  // Each table entry is the rate at the middle of its hour.
  return ((1 - f) * at(h) + f * at(h + 1)) * (counters / 6);
}

/**
 * Arrival instants (seconds from the start) of a non-homogeneous Poisson process with the profile's
 * rate, by thinning: draw at the highest rate, keep each with probability rate(t) / highest.
 */
export function arrivalTimes(rng: Rng, startHour: number, hours: number, counters = 6): number[] {
  let peak = 0;
  for (let t = 0; t <= hours * 60; t++) peak = Math.max(peak, arrivalRate(startHour + t / 60, counters));
  const out: number[] = [];
  for (let t = exponential(rng, 3600 / peak); t < hours * 3600; t += exponential(rng, 3600 / peak)) {
    if (rng() * peak < arrivalRate(startHour + t / 3600, counters)) out.push(t);
  }
  return out;
}

// What customers come for (R-CATALOG codes): mostly payments and plan changes.
export const BUSINESS_MIX: Record<string, number> = {
  payment: 30,
  change: 15,
  consultation: 14,
  suspension: 5,
  sim_replacement: 8,
  new_subscription: 9,
  data_change: 5,
  cancellation: 4,
  refund: 4,
  points_redemption: 6,
};

/** One weighted pick; types missing from the weights (or weighted 0) are never picked. */
export function pickWeighted(rng: Rng, weights: Record<string, number>): string {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  if (entries.length === 0) throw new Error("nothing to pick from");
  let r = rng() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1][0];
}

/**
 * Handling time in seconds: log-normal with its median at 60% of the type's limit, so about one in ten
 * goes over the limit, as the odd complicated case does; never under 30 s.
 */
export function serviceSeconds(rng: Rng, handlingLimitSeconds: number): number {
  return Math.max(30, handlingLimitSeconds * 0.6 * Math.exp(0.4 * normal(rng)));
}

// Share of the hall's counters staffed by local hour: a thin start, everyone for the peaks, lunch in shifts.
const STAFFED_SHARE: Record<number, number> = {
  8: 0.34,
  9: 0.67,
  10: 1,
  11: 1,
  12: 0.67,
  13: 0.67,
  14: 0.84,
  15: 0.84,
  16: 1,
  17: 1,
  18: 0.84,
  19: 0.5,
  20: 0.34,
};

/** How many of `total` counters are staffed at a local time of day; at least one while the hall is open. */
export function staffedCounters(hourOfDay: number, total: number): number {
  const share = STAFFED_SHARE[Math.floor(hourOfDay)] ?? 0.34;
  return Math.min(total, Math.max(1, Math.round(share * total)));
}

export type Customer = {
  /** Seconds after the simulated day's start. */
  arrivesAt: number;
  businessType: string;
  vip: boolean;
  phone?: string;
  serviceSeconds: number;
  /** Not at the counter when called (过号). */
  noShow: boolean;
  /** For a no-show: back after this many seconds and put back in line; undefined if never back. */
  returnsAfter?: number;
};

export type DayOptions = {
  seed: number;
  startHour: number;
  hours: number;
  counters: number;
  /** handlingLimitSeconds by business type; only these types are drawn. */
  limits: Record<string, number>;
};

/** The whole day's customers, drawn from the seed: same seed, same day. */
export function drawDay(options: DayOptions): Customer[] {
  const rng = seededRng(options.seed);
  const mix = Object.fromEntries(Object.entries(BUSINESS_MIX).filter(([code]) => code in options.limits));
  return arrivalTimes(rng, options.startHour, options.hours, options.counters).map((arrivesAt) => {
    const businessType = pickWeighted(rng, mix);
    const noShow = rng() < 0.04;
    const phone = rng() < 0.3 ? `139${String(Math.floor(rng() * 1e8)).padStart(8, "0")}` : undefined;
    return {
      arrivesAt,
      businessType,
      vip: rng() < 0.05,
      ...(phone ? { phone } : {}),
      serviceSeconds: serviceSeconds(rng, options.limits[businessType]),
      noShow,
      ...(noShow && rng() < 0.5 ? { returnsAfter: 120 + rng() * 480 } : {}),
    };
  });
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}
