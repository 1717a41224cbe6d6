import { type Customers, DIVERTED, NO_SHOW, VIP } from "./customers.js";
import type { HallDay } from "./simulation.js";

// The event loop of one simulated day: arrivals, service completions and the interval boundaries where
// counters open and close, in time order. Waiting lines are linked lists through one typed array (one
// line per business type and priority); completions sit in a binary heap. No allocation per customer.

/** Counts per arrival interval, pooled over replications. */
export type Tally = {
  arrivals: Float64Array;
  /** Customers who wanted service: tickets less diversions and no-shows. */
  customers: Float64Array;
  within: Float64Array;
  /** Customers whose wait is known (served, or gave up after it). */
  waited: Float64Array;
  waitSum: Float64Array;
  abandoned: Float64Array;
  diverted: Float64Array;
  noShows: Float64Array;
  unserved: Float64Array;
  /** VIP customers among `waited`, and their waits. */
  vipWaited: Float64Array;
  vipWaitSum: Float64Array;
};

export const newTally = (intervals: number): Tally => {
  const zeros = () => new Float64Array(intervals);
  return {
    arrivals: zeros(),
    customers: zeros(),
    within: zeros(),
    waited: zeros(),
    waitSum: zeros(),
    abandoned: zeros(),
    diverted: zeros(),
    noShows: zeros(),
    unserved: zeros(),
    vipWaited: zeros(),
    vipWaitSum: zeros(),
  };
};

/** Every known wait, for percentiles. */
export type WaitSample = { values: Float64Array; count: number };

/** The bit mask of business types each counter serves (all of them unless counterSkills says otherwise). */
export function skillMasks(day: HallDay, counters: number): Uint32Array {
  const masks = new Uint32Array(counters);
  const all = 2 ** day.businessTypes.length - 1;
  for (let k = 0; k < counters; k++) {
    const serves = day.counterSkills?.[k];
    masks[k] = serves
      ? day.businessTypes.reduce((m, b, i) => (serves.includes(b.id) ? m | (1 << i) : m), 0)
      : all;
  }
  return masks;
}

/**
 * One replication: counter k is open in interval i while k < counters[i]; a closing counter finishes its
 * customer first. After the last interval its counters serve whoever is still in line; those left when
 * no counter may serve them are unserved (with patience, they give up instead). Returns the customers
 * who missed the target; the run stops early once they exceed missBudget (the trial has failed).
 */
export function runDay(
  day: HallDay,
  c: Customers,
  counters: readonly number[],
  skills: Uint32Array,
  tally: Tally,
  waits: WaitSample | null,
  missBudget = Infinity,
): number {
  const engine = new DayEngine(day, c, counters, skills, tally, waits, missBudget);
  engine.run();
  return engine.misses;
}

// A class, not closures: its methods are the same functions on every run, which keeps V8's optimised
// code (closures made afresh per run cost a deoptimisation each, three times the run time).
class DayEngine {
  private readonly length: number;
  private readonly types: number;
  private readonly target: number;
  private readonly noShowSeconds: number;
  private readonly warmup: number;
  private readonly intervals: number;
  private readonly counterCount: number;
  private readonly nextInQueue: Int32Array;
  // Line q = 2·type + (VIP ? 0 : 1).
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly open: Uint8Array;
  private readonly busy: Uint8Array;
  private readonly heapTime: Float64Array;
  private readonly heapCounter: Int32Array;
  private idle = 0; // open and not busy
  private heapSize = 0;
  misses = 0;

  constructor(
    day: HallDay,
    private readonly c: Customers,
    private readonly counters: readonly number[],
    private readonly skills: Uint32Array,
    private readonly tally: Tally,
    private readonly waits: WaitSample | null,
    private readonly missBudget: number,
  ) {
    this.length = day.intervalMinutes * 60;
    this.types = day.businessTypes.length;
    this.target = day.targetWaitSeconds;
    this.noShowSeconds = day.noShowSeconds ?? 30;
    this.warmup = day.warmupIntervals ?? 0;
    this.intervals = counters.length;
    this.counterCount = skills.length;
    this.nextInQueue = new Int32Array(c.count);
    this.head = new Int32Array(2 * this.types).fill(-1);
    this.tail = new Int32Array(2 * this.types).fill(-1);
    this.open = new Uint8Array(this.counterCount);
    this.busy = new Uint8Array(this.counterCount);
    this.heapTime = new Float64Array(this.counterCount);
    this.heapCounter = new Int32Array(this.counterCount);
  }

  run(): void {
    const { arrival, type, flags } = this.c;
    const n = this.c.count;
    const { tally, warmup, skills, open, busy, heapTime, heapCounter, counterCount, intervals, length } =
      this;
    this.applySchedule(0, 0);
    let next = 0;
    let boundary = 1;
    for (;;) {
      if (this.misses > this.missBudget) return;
      const tArrival = next < n ? arrival[next] : Infinity;
      const tDone = this.heapSize ? heapTime[0] : Infinity;
      const tBoundary = boundary < intervals ? boundary * length : Infinity;
      if (tBoundary <= tArrival && tBoundary <= tDone) {
        if (tBoundary === Infinity) break;
        this.applySchedule(boundary++, tBoundary);
      } else if (tDone <= tArrival) {
        const k = heapCounter[0];
        this.pop();
        busy[k] = 0;
        if (open[k]) {
          this.idle++;
          this.callNext(k, tDone);
        }
      } else {
        const j = next++;
        const i = this.intervalOf(tArrival);
        if (i >= warmup) tally.arrivals[i]++;
        if (flags[j] & DIVERTED) {
          if (i >= warmup) tally.diverted[i]++;
          continue;
        }
        const bit = 1 << type[j];
        let counter = -1;
        if (this.idle > 0) {
          for (let k = 0; k < counterCount; k++) {
            if (open[k] && !busy[k] && skills[k] & bit) {
              counter = k;
              break;
            }
          }
        }
        if (counter !== -1) this.start(counter, j, tArrival);
        else this.enqueue(j);
      }
    }
    // Still in line when no counter is left to call them: they gave up (with patience), or go unserved.
    for (let q = 0; q < 2 * this.types; q++) {
      for (let j = this.headOf(q, Infinity); j !== -1; j = this.headOf(q, Infinity)) {
        this.take(q, j);
        const i = this.intervalOf(arrival[j]);
        if (flags[j] & NO_SHOW || i < warmup) continue;
        tally.customers[i]++;
        tally.unserved[i]++;
        this.misses++;
      }
    }
  }

  private intervalOf(t: number): number {
    return Math.min(this.intervals - 1, Math.floor(t / this.length));
  }

  private enqueue(j: number): void {
    const q = 2 * this.c.type[j] + (this.c.flags[j] & VIP ? 0 : 1);
    this.nextInQueue[j] = -1;
    if (this.tail[q] === -1) this.head[q] = j;
    else this.nextInQueue[this.tail[q]] = j;
    this.tail[q] = j;
  }

  private take(q: number, j: number): void {
    this.head[q] = this.nextInQueue[j];
    if (this.head[q] === -1) this.tail[q] = -1;
  }

  /** The head of line q at `now`, after dropping those who gave up (they left at arrival + patience). */
  private headOf(q: number, now: number): number {
    const { arrival, patience } = this.c;
    let j = this.head[q];
    while (j !== -1 && now - arrival[j] > patience[j]) {
      this.record(j, patience[j], false);
      j = this.head[q] = this.nextInQueue[j];
    }
    if (j === -1) this.tail[q] = -1;
    return j;
  }

  /** R-CALL: the earliest VIP ticket the counter may serve, else the earliest regular one. */
  private callNext(k: number, now: number): void {
    const mask = this.skills[k];
    const { arrival } = this.c;
    for (let priority = 0; priority < 2; priority++) {
      let best = -1;
      let bestLine = -1;
      for (let b = 0; b < this.types; b++) {
        if (!(mask & (1 << b))) continue;
        const q = 2 * b + priority;
        const j = this.headOf(q, now);
        if (j !== -1 && (best === -1 || arrival[j] < arrival[best])) {
          best = j;
          bestLine = q;
        }
      }
      if (best !== -1) {
        this.take(bestLine, best);
        this.start(k, best, now);
        return;
      }
    }
  }

  private start(k: number, j: number, now: number): void {
    this.busy[k] = 1;
    this.idle--;
    if (this.c.flags[j] & NO_SHOW) {
      const i = this.intervalOf(this.c.arrival[j]);
      if (i >= this.warmup) this.tally.noShows[i]++;
      this.push(now + this.noShowSeconds, k);
    } else {
      this.record(j, now - this.c.arrival[j], true);
      this.push(now + this.c.service[j], k);
    }
  }

  private applySchedule(interval: number, now: number): void {
    const wanted = this.counters[interval];
    for (let k = 0; k < this.counterCount; k++) {
      const want = k < wanted ? 1 : 0;
      if (want === this.open[k]) continue;
      this.open[k] = want;
      if (this.busy[k]) continue; // a closing counter finishes its customer first
      if (want) {
        this.idle++;
        this.callNext(k, now);
      } else this.idle--;
    }
  }

  private record(j: number, wait: number, served: boolean): void {
    const i = this.intervalOf(this.c.arrival[j]);
    if (i < this.warmup) return;
    const t = this.tally;
    t.customers[i]++;
    t.waited[i]++;
    t.waitSum[i] += wait;
    if (this.c.flags[j] & VIP) {
      t.vipWaited[i]++;
      t.vipWaitSum[i] += wait;
    }
    if (!served) t.abandoned[i]++;
    else if (wait <= this.target) t.within[i]++;
    if (!served || wait > this.target) this.misses++;
    const waits = this.waits;
    if (waits) {
      if (waits.count === waits.values.length) {
        const more = new Float64Array(waits.values.length * 2);
        more.set(waits.values);
        waits.values = more;
      }
      waits.values[waits.count++] = wait;
    }
  }

  /** Binary min-heap of service completions. */
  private push(time: number, k: number): void {
    const { heapTime, heapCounter } = this;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapTime[parent] <= time) break;
      heapTime[i] = heapTime[parent];
      heapCounter[i] = heapCounter[parent];
      i = parent;
    }
    heapTime[i] = time;
    heapCounter[i] = k;
  }

  private pop(): void {
    const { heapTime, heapCounter } = this;
    const size = --this.heapSize;
    const lastTime = heapTime[size];
    const lastCounter = heapCounter[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapTime[child + 1] < heapTime[child]) child++;
      if (heapTime[child] >= lastTime) break;
      heapTime[i] = heapTime[child];
      heapCounter[i] = heapCounter[child];
      i = child;
    }
    heapTime[i] = lastTime;
    heapCounter[i] = lastCounter;
  }
}
