import http from "node:http";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { type CachedRead, LiveHall } from "../web/src/api/live-hall.js";
import type { HallEvent, QueueView } from "../web/src/api/types.js";
import { type DatabaseKind, freshDatabase, listen, setupClient } from "./server.js";
import { counted, countedUnder } from "./statements.js";
import { type Latency, latency, table } from "./stats.js";

// Workload "screens": one call in a hall watched by `screens` staff screens (the manager's board: the
// queue, the day's visits, breaches and figures), each on its own person stream. Two policies, the
// same hall and minutes:
// - "refetch": what useLiveHall did before issue 11 — every event reads every hall query again
//   (coalesced over 250 ms, as the hook did);
// - "apply": what it does now (web/src/api/live-hall.ts, the very code the browser runs) — the queue
//   takes the event, the day's figures are read once a little later; lists refresh on their own slow
//   timers, outside this window.
// Counted: the database statements the server sends from the call until every screen shows it and its
// reads have settled, and the time until the last screen shows the call.

export type ScreensOptions = { screens: number; calls: number };
type Policy = "refetch" | "apply";
type PolicyFigures = { statementsPerCall: number; lastScreen: Latency };
export type ScreensFigures = {
  workload: "screens";
  database: DatabaseKind;
  screens: number;
  calls: number;
  policies: Record<Policy, PolicyFigures>;
};

// The manager board's hall reads, by the name of their query key (as in web/src/api/queries.ts) → path.
const PATHS: Record<string, string> = {
  queue: "queue",
  visits: "visits",
  breaches: "breaches",
  stats: "stats/today",
};
const READS = Object.keys(PATHS);
const COALESCE_MS = 250;

type Screen = {
  reads: Map<string, unknown>;
  inFlight: number;
  /** Called when a read or an event changed something, to see whether the watched call has arrived. */
  changed: () => void;
  stream: http.ClientRequest;
  close: () => void;
};

export async function screensBench(kind: DatabaseKind, o: ScreensOptions): Promise<ScreensFigures> {
  const bench = await freshDatabase(kind);
  const { app, baseUrl } = await listen(bench.database);
  const hallId = bench.hallId;
  const api = setupClient(baseUrl);
  const token = await api.signIn("manager", DEMO_PASSWORD);
  const [counterId] = await api.openCounters(hallId, 1, ["payment"]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const get = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      http
        .get(
          `${baseUrl}/api/halls/${hallId}/${path}`,
          { agent, headers: { authorization: `Bearer ${token}` } },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (c) => (body += c));
            res.on("end", () =>
              res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(body)),
            );
          },
        )
        .on("error", reject);
    });

  async function openScreen(policy: Policy): Promise<Screen> {
    const screen: Screen = {
      reads: new Map(),
      inFlight: 0,
      changed: () => {},
      stream: undefined as never,
      close: () => live?.close(),
    };
    const read = async (name: string) => {
      screen.inFlight++;
      try {
        const data = await get(PATHS[name]);
        screen.reads.set(name, data);
        live?.fetched(["hall", hallId, name], data);
      } finally {
        screen.inFlight--;
        screen.changed();
      }
    };
    let pending: ReturnType<typeof setTimeout> | undefined;
    const names = new Set<string>();
    const refetch = (which: (name: string) => boolean) => {
      for (const n of READS) if (which(n)) names.add(n);
      if (pending) return; // one coalesced refetch is already due
      pending = setTimeout(() => {
        pending = undefined;
        const batch = [...names];
        names.clear();
        for (const n of batch) void read(n);
      }, COALESCE_MS);
    };
    const cache = {
      reads: (): CachedRead[] =>
        [...screen.reads].map(([name, data]) => ({ key: ["hall", hallId, name], data })),
      set: (key: readonly unknown[], data: unknown) => {
        screen.reads.set(String(key[2]), data);
        screen.changed();
      },
      refetch,
    };
    // The day's figures are read a while after the events that move them (5 s in the browser); here
    // 100 ms, so that read falls inside the call's window and is counted: an upper bound per call.
    const live = policy === "apply" ? new LiveHall(cache, 100) : null;
    await Promise.all(READS.map(read));
    screen.stream = await openStream((frame) => {
      if (frame.event === "ready") return live?.opened(frame.id);
      const e = JSON.parse(frame.data) as HallEvent;
      if (live) live.event(e);
      else refetch(() => true);
    });
    return screen;
  }

  function openStream(onFrame: (f: { id: string; event: string; data: string }) => void) {
    return new Promise<http.ClientRequest>((resolve, reject) => {
      const req = http.get(
        `${baseUrl}/api/halls/${hallId}/events`,
        { agent: false, headers: { accept: "text/event-stream", authorization: `Bearer ${token}` } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`events: ${res.statusCode}`));
          let buffer = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            buffer += chunk;
            let end = buffer.indexOf("\n\n");
            while (end >= 0) {
              const f = { id: "", event: "message", data: "" };
              for (const line of buffer.slice(0, end).split("\n")) {
                const at = line.indexOf(": ");
                const [k, v] = at < 0 ? [line, ""] : [line.slice(0, at), line.slice(at + 2)];
                if (k === "id" || k === "event" || k === "data") f[k] = v;
              }
              buffer = buffer.slice(end + 2);
              if (f.event === "ready") resolve(req);
              if (f.data || f.event === "ready") onFrame(f);
              end = buffer.indexOf("\n\n");
            }
          });
        },
      );
      req.on("error", reject);
    });
  }

  const shows = (s: Screen, ticketId: string) =>
    s.inFlight === 0 &&
    (s.reads.get("queue") as QueueView | undefined)?.serving.some((t) => t.id === ticketId);

  async function measure(policy: Policy): Promise<PolicyFigures> {
    const screens: Screen[] = [];
    for (let i = 0; i < o.screens; i++) screens.push(await openScreen(policy));
    const last: number[] = [];
    let statements = 0;
    try {
      for (let n = 0; n < o.calls; n++) {
        const ticket = await api.post<{ id: string }>(`/api/halls/${hallId}/tickets`, {
          businessType: "payment",
        });
        // Let the event and whatever reads it set off settle before the call is watched.
        await new Promise((r) => setTimeout(r, COALESCE_MS * 3));
        const label = `${policy}-${n}`;
        const t0 = performance.now();
        await counted(label, async () => {
          const arrived = screens.map(
            (s) =>
              new Promise<void>((resolve) => {
                s.changed = () => shows(s, ticket.id) && resolve();
              }),
          );
          await api.post(`/api/halls/${hallId}/counters/${counterId}/call-next`);
          await Promise.all(arrived);
          last.push(performance.now() - t0);
          // Reads the event set off after the call showed (the refetch policy's other lists) count too.
          await new Promise((r) => setTimeout(r, COALESCE_MS * 2));
          while (screens.some((s) => s.inFlight > 0)) await new Promise((r) => setTimeout(r, 20));
        });
        statements += countedUnder(label).n;
        for (const s of screens) s.changed = () => {};
        await api.post(`/api/tickets/${ticket.id}/start`);
        await api.post(`/api/tickets/${ticket.id}/finish`, { outcome: "completed" });
        await new Promise((r) => setTimeout(r, COALESCE_MS * 3));
      }
    } finally {
      for (const s of screens) {
        s.stream.destroy();
        s.close();
      }
    }
    return { statementsPerCall: Math.round((statements / o.calls) * 10) / 10, lastScreen: latency(last) };
  }

  try {
    const refetch = await measure("refetch");
    const apply = await measure("apply");
    return {
      workload: "screens",
      database: kind,
      screens: o.screens,
      calls: o.calls,
      policies: { refetch, apply },
    };
  } finally {
    agent.destroy();
    await app.close();
    await bench.drop();
  }
}

export function printScreens(f: ScreensFigures) {
  console.log(`screens on ${f.database}: ${f.screens} staff screens watching, ${f.calls} calls`);
  console.log(
    table([
      ["policy", "statements per call", "call → last screen p50 ms", "p95 ms"],
      ...Object.entries(f.policies).map(([p, v]) => [
        p,
        v.statementsPerCall,
        v.lastScreen.p50Ms,
        v.lastScreen.p95Ms,
      ]),
    ]),
  );
  console.log();
}
