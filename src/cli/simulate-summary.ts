import { mean, percentile } from "./simulate-model.js";

// The day's figures. Instants are the server's own stamps (ms); the server lives in real time, so
// every duration is scaled by the speed back into the simulated day before it is judged.

export type TicketRecord = {
  businessType: string;
  issuedAt: number;
  /** The first call: the wait (R-TIME) ends there, even for a no-show who came back. */
  calledAt?: number;
  startedAt?: number;
  finishedAt?: number;
};

export type DayFigures = {
  called: number;
  served: number;
  meanWaitMinutes: number;
  p90WaitMinutes: number;
  /** Share (0–1) of called tickets called within 10 minutes. */
  within10Minutes: number;
  waitBreaches: number;
  handlingBreaches: number;
};

const round = (n: number, digits = 1) =>
  Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : 0;

export function summarize(
  records: Iterable<TicketRecord>,
  speed: number,
  limits: { wait: Record<string, number>; handling: Record<string, number> },
): DayFigures {
  const all = [...records];
  const called = all.filter((r) => r.calledAt !== undefined);
  const waits = called.map((r) => ({ type: r.businessType, s: ((r.calledAt! - r.issuedAt) / 1000) * speed }));
  const served = all.filter((r) => r.startedAt !== undefined && r.finishedAt !== undefined);
  const handling = served.map((r) => ({
    type: r.businessType,
    s: ((r.finishedAt! - r.startedAt!) / 1000) * speed,
  }));
  const seconds = waits.map((w) => w.s);
  return {
    called: called.length,
    served: served.length,
    meanWaitMinutes: round(mean(seconds) / 60),
    p90WaitMinutes: round(percentile(seconds, 90) / 60),
    within10Minutes: round(seconds.filter((s) => s <= 600).length / Math.max(1, seconds.length), 3),
    waitBreaches: waits.filter((w) => w.s > (limits.wait[w.type] ?? 600)).length,
    handlingBreaches: handling.filter((h) => h.s > (limits.handling[h.type] ?? Number.POSITIVE_INFINITY))
      .length,
  };
}

export type Summary = DayFigures & {
  customers: number;
  issued: number;
  refused: number;
  noShows: number;
  returns: number;
  serverRecordedBreaches: number;
  highestPeakLevel: number;
  highestPeakAt: string | null;
  mostWaiting: number;
  errors: number;
};

export function formatSummary(s: Summary, speed: number, lastError: string): string {
  const realTime = speed === 1 ? "" : `, on real time: ${speed}× slower than this day`;
  const rows: [string, string][] = [
    ["customers", `${s.customers}`],
    ["tickets issued", `${s.issued}${s.refused ? ` (${s.refused} refused)` : ""}`],
    ["served", `${s.served}`],
    ["no-shows / came back", `${s.noShows} / ${s.returns}`],
    ["mean wait", `${s.meanWaitMinutes} min`],
    ["90th-percentile wait", `${s.p90WaitMinutes} min`],
    ["called within 10 min", `${round(s.within10Minutes * 100)} %`],
    ["breaches", `${s.waitBreaches} waiting, ${s.handlingBreaches} handling (in simulated time)`],
    ["breaches the server saw", `${s.serverRecordedBreaches} (its clock${realTime})`],
    [
      "highest peak level",
      `L${s.highestPeakLevel}${s.highestPeakAt ? ` at ${s.highestPeakAt}` : ""}, at most ${s.mostWaiting} waiting`,
    ],
  ];
  if (s.errors) rows.push(["errors", `${s.errors}; last: ${lastError}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
