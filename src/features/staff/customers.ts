import { exponential, normal, type Rng, seededRng } from "./random.js";
import type { BusinessMix, HallDay } from "./simulation.js";

// The customers of a simulated day, drawn before any counter is simulated: arrival, business type, VIP,
// no-show, diversion, service time and patience. Drawing them all up front is what lets two staffing
// plans meet the very same customers (common random numbers), so the plan's search compares plans, not
// noise. Replications continue one seeded stream, so a seed replays a result exactly.

export const VIP = 1;
export const NO_SHOW = 2;
export const DIVERTED = 4;

/** One replication's customers in arrival order, as parallel typed arrays. */
export type Customers = {
  count: number;
  arrival: Float64Array;
  service: Float64Array;
  patience: Float64Array;
  type: Uint8Array;
  flags: Uint8Array;
};

export function drawCustomers(day: HallDay, replications: number, seed: number): Customers[] {
  const rng = seededRng(seed);
  return Array.from({ length: replications }, () => drawReplication(day, rng));
}

function drawReplication(day: HallDay, rng: Rng): Customers {
  const length = day.intervalMinutes * 60;
  const types = day.businessTypes.length;
  const total = day.businessTypes.reduce((s, b) => s + b.share, 0);
  const cumulative: number[] = [];
  day.businessTypes.reduce((acc, b) => {
    cumulative.push(acc + b.share / total);
    return acc + b.share / total;
  }, 0);
  const services = day.businessTypes.map(lognormalParameters);
  const expected = day.arrivalsPerHour.reduce((s, a) => s + (a * length) / 3600, 0);
  let c = allocate(Math.ceil(expected + 6 * Math.sqrt(expected) + 64));
  let n = 0;
  for (let i = 0; i < day.arrivalsPerHour.length; i++) {
    const mean = 3600 / day.arrivalsPerHour[i];
    if (!(mean < Infinity)) continue;
    const end = (i + 1) * length;
    // Exponential gaps restarted at each boundary: exact for a rate constant within the interval.
    for (let t = i * length + exponential(rng, mean); t < end; t += exponential(rng, mean)) {
      if (n === c.arrival.length) c = grow(c, n * 2);
      let type = 0;
      if (types > 1) {
        const u = rng();
        while (type < types - 1 && u >= cumulative[type]) type++;
      }
      const business = day.businessTypes[type];
      let flags = 0;
      if (business.vipShare && rng() < business.vipShare) flags |= VIP;
      if (day.noShowShare && rng() < day.noShowShare) flags |= NO_SHOW;
      if (day.diversionShare && rng() < day.diversionShare) flags |= DIVERTED;
      const s = services[type];
      c.service[n] = s
        ? Math.exp(s.mu + s.sigma * normal(rng))
        : exponential(rng, business.meanServiceSeconds);
      const patience = day.meanPatienceSeconds ? exponential(rng, day.meanPatienceSeconds) : Infinity;
      // A no-show's ticket has nobody behind it to give up: it waits to be called, and costs the call.
      c.patience[n] = flags & NO_SHOW ? Infinity : patience;
      c.arrival[n] = t;
      c.type[n] = type;
      c.flags[n] = flags;
      n++;
    }
  }
  c.count = n;
  return c;
}

function allocate(capacity: number): Customers {
  return {
    count: 0,
    arrival: new Float64Array(capacity),
    service: new Float64Array(capacity),
    patience: new Float64Array(capacity),
    type: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
  };
}

function grow(c: Customers, capacity: number): Customers {
  const next = allocate(capacity);
  next.arrival.set(c.arrival);
  next.service.set(c.service);
  next.patience.set(c.patience);
  next.type.set(c.type);
  next.flags.set(c.flags);
  return next;
}

/** Log-normal with the type's mean and coefficient of variation: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2. */
function lognormalParameters(b: BusinessMix): { mu: number; sigma: number } | null {
  if (b.service?.distribution !== "lognormal") return null;
  const sigma2 = Math.log(1 + b.service.cv ** 2);
  return { mu: Math.log(b.meanServiceSeconds) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}
