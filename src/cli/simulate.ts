import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { seededRng } from "../features/staff/random.js";
import {
  type Api,
  ApiError,
  apiClient,
  type BusinessType,
  type Counter,
  type Ticket,
} from "./simulate-api.js";
import { type Customer, drawDay, serviceSeconds, staffedCounters } from "./simulate-model.js";
import { formatSummary, type Summary, summarize, type TicketRecord } from "./simulate-summary.js";

// `tingwu simulate`: a business hall's day played against a running server through its HTTP API only,
// as the kiosk, the counters, the floor and the manager's board would. Simulated time runs `speed`
// times faster than real time (60: a simulated minute per real second).

const usage = `tingwu simulate --url http://127.0.0.1:3000 --hall <hallId>
  [--user manager --password tingwu-demo | --token T] [--speed 60] [--hours 10] [--start 9] [--seed 1]`;

export type SimulateOptions = {
  url: string;
  hall: string;
  user: string;
  password: string;
  token?: string;
  speed: number;
  hours: number;
  /** Local hour the simulated day starts at (the arrival profile and staffing follow the clock). */
  start: number;
  seed: number;
};

export function parseOptions(args: string[]): SimulateOptions {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string", default: "http://127.0.0.1:3000" },
      hall: { type: "string" },
      user: { type: "string", default: "manager" },
      password: { type: "string", default: "tingwu-demo" },
      token: { type: "string" },
      speed: { type: "string", default: "60" },
      hours: { type: "string", default: "10" },
      start: { type: "string", default: "9" },
      seed: { type: "string", default: "1" },
    },
  });
  const num = (name: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`--${name}: a number from ${min} to ${max}\n${usage}`);
    return n;
  };
  if (!values.hall) throw new Error(`--hall is required\n${usage}`);
  return {
    url: values.url.replace(/\/$/, ""),
    hall: values.hall,
    user: values.user,
    password: values.password,
    ...(values.token ? { token: values.token } : {}),
    speed: num("speed", values.speed, 0.1, 10_000),
    hours: num("hours", values.hours, 0.05, 24),
    start: num("start", values.start, 0, 23),
    seed: num("seed", values.seed, 0, 2 ** 32),
  };
}

/** Simulated seconds since the day began, read from the real clock. */
function simClock(speed: number) {
  const t0 = Date.now();
  const now = () => ((Date.now() - t0) / 1000) * speed;
  const sleep = (simSeconds: number) =>
    new Promise((r) => setTimeout(r, Math.max(1, (simSeconds * 1000) / speed)));
  // Steps are planned at instants, not after each response: at high speeds a request's own real time
  // is minutes of the day, and sleeping after it would add those minutes to every service.
  return { now, sleep, sleepUntil: (simInstant: number) => sleep(simInstant - now()) };
}

const hhmm = (hourOfDay: number) => {
  const m = Math.floor(hourOfDay * 60);
  return `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

export async function simulate(args: string[]): Promise<Summary> {
  const o = parseOptions(args);
  const api = apiClient(o.url);
  await api.signIn({ token: o.token, username: o.user, password: o.password });
  const hall = await api.get<{ id: string; name: string; type: string }>(`/api/halls/${o.hall}`);
  const catalog = await api.get<BusinessType[]>("/api/business-types");
  const counters = (await api.get<Counter[]>(`/api/halls/${hall.id}/counters`))
    .filter((c) => c.active)
    .sort((a, b) => a.number - b.number);
  if (counters.length === 0) throw new Error(`${hall.name} has no counters to simulate`);
  // Only what this hall may do and one of its counters serves; anything else is refused (422) or never called.
  const offered = catalog.filter(
    (b) =>
      b.active &&
      !b.forbiddenHallTypes.includes(hall.type) &&
      counters.some((c) => c.businessTypes.includes(b.code)),
  );
  const limits = {
    wait: Object.fromEntries(offered.map((b) => [b.code, b.waitLimitSeconds])),
    handling: Object.fromEntries(offered.map((b) => [b.code, b.handlingLimitSeconds])),
  };
  const day = drawDay({
    seed: o.seed,
    startHour: o.start,
    hours: o.hours,
    counters: counters.length,
    limits: limits.handling,
  });
  const rng = seededRng(o.seed ^ 0x5eed);

  const stats = { issued: 0, refused: 0, noShows: 0, returns: 0, serverBreaches: 0, errors: 0 };
  const peak = { level: 0, at: "", mostWaiting: 0, waitingNow: 0 };
  const customers = new Map<string, Customer>();
  const records = new Map<string, TicketRecord>();
  // Requests that run beside the clock (issuing, customers coming back), awaited before the summary.
  const background = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch(note).finally(() => background.delete(q));
    background.add(q);
  };
  let dayOver = false;
  let stopped = false;
  let lastError = "";
  const stop = () => {
    stopped = dayOver = true;
  };
  function note(e: unknown) {
    stats.errors++;
    lastError = e instanceof Error ? e.message : String(e);
    if (stats.errors > 200) stop(); // the server is gone or refuses everything: say so rather than spin
  }
  process.once("SIGINT", stop);

  console.log(
    `${hall.name}: ${day.length} customers from ${hhmm(o.start)} for ${o.hours} h, ${counters.length} counters, ` +
      `${o.speed}× speed, seed ${o.seed}`,
  );
  await finishLeftovers(api, hall.id, counters);
  const clock = simClock(o.speed);
  const hourOfDay = () => o.start + clock.now() / 3600;

  // The kiosk: each customer takes a ticket at their arrival instant.
  async function issue(c: Customer) {
    const body = {
      businessType: c.businessType,
      ...(c.vip ? { vip: true } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
    };
    // The kiosk route is rate limited (429): a very fast day waits for it rather than losing customers.
    for (let attempt = 0; attempt < 30 && !stopped; attempt++) {
      try {
        const t = await api.post<Ticket>(`/api/halls/${hall.id}/tickets`, body);
        customers.set(t.id, c);
        records.set(t.id, { businessType: t.businessType, issuedAt: Date.parse(t.issuedAt) });
        stats.issued++;
        return;
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 429 && e.status !== 422)) return note(e);
        if (e.status === 422) {
          // A rule refused it (hall closed, business not allowed): counted, not an error of the simulator.
          stats.refused++;
          lastError = e.message;
          return;
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
  const arrivals = (async () => {
    for (const c of day) {
      if (dayOver) break;
      if (c.arrivesAt > clock.now()) await clock.sleep(c.arrivesAt - clock.now());
      track(issue(c));
    }
  })();

  // A counter: opened and closed by the staffing plan; while open it calls, serves and finishes.
  async function work(counter: Counter, index: number) {
    let open = counter.status === "open";
    while (!stopped) {
      const wanted = !dayOver && index < staffedCounters(hourOfDay(), counters.length);
      try {
        if (wanted !== open) {
          await api
            .post(`/api/halls/${hall.id}/counters/${counter.id}/${wanted ? "open" : "close"}`)
            .catch((e) => {
              if (!(e instanceof ApiError && e.status === 409)) throw e; // 409: already so
            });
          open = wanted;
        }
        if (!open) {
          if (dayOver) return;
          await clock.sleep(60);
          continue;
        }
        const called = await api.call<{ ticket: Ticket } | null>(
          "POST",
          `/api/halls/${hall.id}/counters/${counter.id}/call-next`,
        );
        if (called.status === 204 || !called.body) await clock.sleep(15);
        else await serve(called.body.ticket);
      } catch (e) {
        note(e);
        await clock.sleep(30);
      }
    }
  }
  const cameBack = new Set<string>();
  async function serve(t: Ticket) {
    const record = records.get(t.id);
    if (record && record.calledAt === undefined) record.calledAt = Date.parse(t.calledAt ?? t.issuedAt);
    const c = customers.get(t.id);
    const calledAt = clock.now();
    if (c?.noShow && !cameBack.has(t.id)) {
      // Called, called again, nobody comes: a no-show after a minute (过号).
      await clock.sleepUntil(calledAt + 30);
      await api.post(`/api/tickets/${t.id}/recall`);
      await clock.sleepUntil(calledAt + 60);
      await api.post(`/api/tickets/${t.id}/no-show`);
      stats.noShows++;
      if (c.returnsAfter !== undefined) {
        cameBack.add(t.id);
        // The floor puts a customer who comes back into line a few places behind the front (过号滞后).
        track(
          clock.sleep(c.returnsAfter).then(async () => {
            if (stopped) return;
            await api.post(`/api/tickets/${t.id}/return`);
            stats.returns++;
          }),
        );
      }
      return;
    }
    const startAt = calledAt + 15 + rng() * 30; // the walk to the counter
    await clock.sleepUntil(startAt);
    await api.post(`/api/tickets/${t.id}/start`);
    await clock.sleepUntil(
      startAt + (c?.serviceSeconds ?? serviceSeconds(rng, limits.handling[t.businessType] ?? 300)),
    );
    const done = await api.post<Ticket>(`/api/tickets/${t.id}/finish`, { outcome: "completed" });
    if (record)
      Object.assign(record, {
        startedAt: Date.parse(done.startedAt!),
        finishedAt: Date.parse(done.finishedAt!),
      });
    if (record && (done.waitBreached || done.handlingBreached)) stats.serverBreaches++;
  }

  const bar = new cliProgress.SingleBar(
    {
      format:
        "{bar} {time} | issued {issued} served {served} waiting {waiting} | open {open} | peak L{level}",
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const minutes = Math.round(o.hours * 60);
  bar.start(minutes, 0, { time: hhmm(o.start), issued: 0, served: 0, waiting: 0, open: 0, level: 0 });
  // The manager's board: the queue once a simulated minute, at most twice a real second.
  const board = (async () => {
    while (!stopped) {
      try {
        const q = await api.get<{ waiting: number; openCounters: number; peakLevel: number }>(
          `/api/halls/${hall.id}/queue`,
        );
        peak.waitingNow = q.waiting;
        peak.mostWaiting = Math.max(peak.mostWaiting, q.waiting);
        if (q.peakLevel > peak.level) Object.assign(peak, { level: q.peakLevel, at: hhmm(hourOfDay()) });
        const served = [...records.values()].filter((r) => r.finishedAt !== undefined).length;
        bar.update(Math.min(minutes, Math.floor(clock.now() / 60)), {
          time: hhmm(hourOfDay()),
          issued: stats.issued,
          served,
          waiting: q.waiting,
          open: q.openCounters,
          level: q.peakLevel,
        });
      } catch (e) {
        note(e);
      }
      await new Promise((r) => setTimeout(r, Math.max(500, 60_000 / o.speed)));
    }
  })();

  const workers = counters.map((c, i) => work(c, i));
  await arrivals;
  while (!dayOver && clock.now() < o.hours * 3600) await clock.sleep(60);
  // Doors close: whoever is inside is still served (for at most two simulated hours), then counters close.
  const drainUntil = clock.now() + 7200;
  while (!stopped && (peak.waitingNow > 0 || background.size > 0) && clock.now() < drainUntil)
    await clock.sleep(60);
  dayOver = true;
  await Promise.allSettled([...background]);
  await Promise.all(workers);
  stopped = true;
  await board;
  bar.stop();
  process.off("SIGINT", stop);

  const summary: Summary = {
    customers: day.length,
    issued: stats.issued,
    refused: stats.refused,
    noShows: stats.noShows,
    returns: stats.returns,
    ...summarize(records.values(), o.speed, limits),
    serverRecordedBreaches: stats.serverBreaches,
    highestPeakLevel: peak.level,
    highestPeakAt: peak.at || null,
    mostWaiting: peak.mostWaiting,
    errors: stats.errors,
  };
  console.log(`\n${formatSummary(summary, o.speed, lastError)}`);
  return summary;
}

/**
 * A run stopped half-way leaves tickets in hand at its counters, and a counter with a ticket in hand
 * cannot call the next: those are finished (being served) or marked no-shows (called) first.
 */
async function finishLeftovers(api: Api, hallId: string, counters: Counter[]) {
  const ours = new Set(counters.map((c) => c.id));
  const q = await api.get<{ serving: Ticket[] }>(`/api/halls/${hallId}/queue`);
  for (const t of q.serving.filter((s) => s.counterId && ours.has(s.counterId))) {
    if (t.status === "serving") await api.post(`/api/tickets/${t.id}/finish`, { outcome: "completed" });
    else await api.post(`/api/tickets/${t.id}/no-show`);
  }
}
