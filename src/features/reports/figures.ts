// The figures of a report from daily roll-up rows (issue 15): sums, shares and means weighted by their
// counts (never means of means), and the p90 wait from the merged histogram, exact to its 30-second bucket.
// So the children of a scope always add up to it.

import {
  SLOTS,
  type TicketDayFigures,
  WAIT_BUCKET_SECONDS,
  WAIT_BUCKETS,
} from "../queue/data/day-figures.js";

/**
 * A roll-up row's counts: the queue's figures of a day, those of no business type (greetings, peak
 * warnings), ratings, diversions, and the region's records of the hall (complaints, faults, field visits).
 */
export type Counts = Omit<TicketDayFigures, "businessType"> & {
  [K in (typeof SUMMED)[number]]: number;
} & {
  /** channel → [suggested, taken] */
  diversionChannels: Record<string, [number, number]>;
};

/** The roll-up row of a whole day or month (every business type and none). */
export const WHOLE = "*";

/** The hall of a region's own records (a complaint recorded at no hall, the field visits). */
export const NO_HALL = "00000000-0000-0000-0000-000000000000";

const SUMMED = [
  "issued",
  "served",
  "noShow",
  "cancelled",
  "diverted",
  "transferred",
  "waitCount",
  "waitSum",
  "waitWithin",
  "handlingCount",
  "handlingSum",
  "handlingWithin",
  "waitBreaches",
  "handlingBreaches",
  "greetingBreaches",
  "ratings",
  "satisfied",
  "peakLevel1",
  "peakLevel2",
  "peakLevel3",
  "peakMinutes3",
  "diversionSuggested",
  "diversionTaken",
  "complaints",
  "complaintAppeals",
  "complaintFirstReplied",
  "complaintFirstReplyOnTime",
  "complaintResolved",
  "complaintOverdue",
  "faultsReported",
  "faultsReportedInTime",
  "faultsClosed",
  "visitsDone",
  "visitsDue",
  "visitsOverdue",
] as const;

// The figures of a row added into a Float64Array in SUMMED's order, as straight-line code (r.issued,
// r.served, …): a loop over the names would read each through a generic keyed lookup, ten times slower on
// the tens of thousands of rows a year's report merges. The names are SUMMED's own constants.
const sumInto = new Function(
  "v",
  "r",
  "s",
  `let x;\n${SUMMED.map((k, i) => `x = r.${k}; if (x) v[${i}] += s * x;`).join("\n")}`,
) as (v: Float64Array, r: Partial<Counts>, sign: number) => void;

type Sums = Omit<Counts, "waitHist" | "arrivals" | "diversionChannels">;
// The same for making a row from its sums: an object literal of one shape, not a dictionary built key by key.
const sumsOf = new Function("v", `return { ${SUMMED.map((k, i) => `${k}: v[${i}]`).join(", ")} };`) as (
  v: ArrayLike<number>,
) => Sums;
const NONE = new Float64Array(SUMMED.length);

export const emptyCounts = (): Counts => ({
  ...sumsOf(NONE),
  waitHist: new Array<number>(WAIT_BUCKETS).fill(0),
  arrivals: new Array<number>(SLOTS).fill(0),
  diversionChannels: {},
});

/**
 * A running sum of roll-up rows. A row may lack the figures its table does not keep (a hall's row has no
 * complaints, a month's no arrivals); a row taken away (`sign` -1) is subtracted: a month less the days
 * outside a range is that range. A report merges tens of thousands of rows into a few hundred sums: the
 * sums run in typed arrays, each row's figures read once, and a Counts is made only for what is shown.
 */
export class Sum {
  private readonly v = new Float64Array(SUMMED.length);
  private readonly hist = new Float64Array(WAIT_BUCKETS);
  private readonly arrivals = new Float64Array(SLOTS);
  private channels: Map<string, [number, number]> | undefined;

  add(r: Partial<Counts>, sign = 1): this {
    sumInto(this.v, r, sign);
    // A stored histogram ends at its last non-empty bucket.
    const h = r.waitHist;
    if (h) for (let i = 0; i < h.length; i++) this.hist[i] += sign * h[i];
    const a = r.arrivals;
    if (a) for (let i = 0; i < a.length; i++) this.arrivals[i] += sign * a[i];
    const c = r.diversionChannels;
    if (c) for (const channel in c) this.addChannel(channel, sign * c[channel][0], sign * c[channel][1]);
    return this;
  }

  merge(o: Sum): this {
    for (let i = 0; i < o.v.length; i++) this.v[i] += o.v[i];
    for (let i = 0; i < o.hist.length; i++) this.hist[i] += o.hist[i];
    for (let i = 0; i < o.arrivals.length; i++) this.arrivals[i] += o.arrivals[i];
    for (const [channel, [s, t]] of o.channels ?? []) this.addChannel(channel, s, t);
    return this;
  }

  private addChannel(channel: string, suggested: number, taken: number) {
    this.channels ??= new Map();
    const sum = this.channels.get(channel);
    if (sum) {
      sum[0] += suggested;
      sum[1] += taken;
    } else this.channels.set(channel, [suggested, taken]);
  }

  counts(): Counts {
    return {
      ...sumsOf(this.v),
      waitHist: Array.from(this.hist),
      arrivals: Array.from(this.arrivals),
      diversionChannels: this.channels ? Object.fromEntries(this.channels) : {},
    };
  }
}

/** The sum of some rows, less others (see Sum). */
export function addCounts(rows: readonly Partial<Counts>[], minus: readonly Partial<Counts>[] = []): Counts {
  const sum = new Sum();
  for (const r of rows) sum.add(r);
  for (const r of minus) sum.add(r, -1);
  return sum.counts();
}

/** The wait under which 90 % of the waits fall: the upper edge of the bucket that reaches 90 %. */
export function p90Of(hist: number[]): number | null {
  const n = hist.reduce((s, x) => s + x, 0);
  if (n === 0) return null;
  const need = Math.ceil(0.9 * n);
  let seen = 0;
  for (let b = 0; b < hist.length; b++) {
    seen += hist[b];
    if (seen >= need) return Math.min(b + 1, WAIT_BUCKETS - 1) * WAIT_BUCKET_SECONDS;
  }
  return (WAIT_BUCKETS - 1) * WAIT_BUCKET_SECONDS;
}

const share = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const mean = (sum: number, n: number) => (n > 0 ? Math.round(sum / n) : null);

export function figuresOf(c: Counts) {
  return {
    tickets: {
      issued: c.issued,
      served: c.served,
      noShow: c.noShow,
      cancelled: c.cancelled,
      diverted: c.diverted,
      transferred: c.transferred,
    },
    waiting: {
      meanSeconds: mean(c.waitSum, c.waitCount),
      p90Seconds: p90Of(c.waitHist),
      withinLimitShare: share(c.waitWithin, c.waitCount),
    },
    handling: {
      meanSeconds: mean(c.handlingSum, c.handlingCount),
      withinLimitShare: share(c.handlingWithin, c.handlingCount),
    },
    breaches: { waiting: c.waitBreaches, handling: c.handlingBreaches, greeting: c.greetingBreaches },
    peakWarnings: {
      level1: c.peakLevel1,
      level2: c.peakLevel2,
      level3: c.peakLevel3,
      minutesAtLevel3: Math.round(c.peakMinutes3),
    },
    diversion: {
      suggested: c.diversionSuggested,
      taken: c.diversionTaken,
      takenShare: share(c.diversionTaken, c.diversionSuggested),
      byChannel: Object.entries(c.diversionChannels)
        .map(([channel, [suggested, taken]]) => ({ channel, suggested, taken }))
        .sort((a, b) => b.suggested - a.suggested || a.channel.localeCompare(b.channel)),
    },
    complaints: {
      received: c.complaints,
      appeals: c.complaintAppeals,
      firstReplied: c.complaintFirstReplied,
      firstReplyOnTime: c.complaintFirstReplyOnTime,
      firstReplyOnTimeShare: share(c.complaintFirstReplyOnTime, c.complaintFirstReplied),
      resolved: c.complaintResolved,
      overdue: c.complaintOverdue,
    },
    faults: {
      reported: c.faultsReported,
      reportedInTime: c.faultsReportedInTime,
      reportedInTimeShare: share(c.faultsReportedInTime, c.faultsReported),
      closed: c.faultsClosed,
    },
    visits: { done: c.visitsDone, due: c.visitsDue, overdue: c.visitsOverdue },
    satisfaction: { padRatings: c.ratings, satisfiedShare: share(c.satisfied, c.ratings) },
  };
}

/** A day's arrivals by half hour ("09:00", count), from the first to the last half hour with any. */
export function halfHoursOf(arrivals: number[]) {
  const first = arrivals.findIndex((n) => n > 0);
  if (first < 0) return [];
  const last = arrivals.findLastIndex((n) => n > 0);
  return arrivals.slice(first, last + 1).map((n, i) => {
    const m = (first + i) * 30;
    return {
      slot: `${String(Math.floor(m / 60)).padStart(2, "0")}:${m % 60 === 0 ? "00" : "30"}`,
      arrivals: n,
    };
  });
}
