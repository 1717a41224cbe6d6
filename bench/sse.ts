import http from "node:http";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { startChildServer } from "./child-server.js";
import { type DatabaseKind, setupClient } from "./server.js";
import { type Latency, latency, table } from "./stats.js";

// Workload "sse": how long a call takes to reach every calling display. `clients` EventSource-like
// connections (display device token, ?device=…) hold the hall's stream open; a counter calls `calls`
// tickets one after another, and each client's arrival of ticket.called is timed from the moment the
// call-next request was sent.

export type SseOptions = { clients: number; calls: number };
export type SseFigures = {
  workload: "sse";
  database: DatabaseKind;
  clients: number;
  calls: number;
  /** Every (call, client) arrival. */
  delivery: Latency;
  /** Per call, the arrival at the last of the clients. */
  lastClient: Latency;
  /** The call-next request itself, as the counter sees it. */
  callRequest: Latency;
  missed: number;
};

type Watch = { marker: Buffer; t0: number; arrivals: number[]; pending: number; done: () => void };

function connect(url: string, onData: (chunk: Buffer) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events: ${res.statusCode}`));
      res.once("data", () => resolve(req)); // the stream's first frame (retry: …) says it is live
      res.on("data", onData);
    });
    req.on("error", reject);
  });
}

export async function sseBench(kind: DatabaseKind, o: SseOptions): Promise<SseFigures> {
  const server = await startChildServer(kind);
  const streams: http.ClientRequest[] = [];
  try {
    const api = setupClient(server.baseUrl);
    await api.signIn("manager", DEMO_PASSWORD);
    // The demo's hall manager sees one hall: the demo hall.
    const [hall] = await api.get<{ id: string }[]>("/api/halls");
    const display = await api.post<{ token: string }>(`/api/halls/${hall.id}/devices`, {
      kind: "display",
      label: "Bench display",
    });
    const [counterId] = await api.openCounters(hall.id, 1, ["payment"]);

    let watch: Watch | undefined;
    const onData = (chunk: Buffer) => {
      const now = performance.now(); // first, before any parsing, so the clock is not charged to it
      const w = watch;
      if (w && chunk.includes(w.marker)) {
        w.arrivals.push(now - w.t0);
        if (--w.pending === 0) w.done();
      }
    };
    const url = `${server.baseUrl}/api/halls/${hall.id}/events?device=${encodeURIComponent(display.token)}`;
    for (let i = 0; i < o.clients; i += 50) {
      const batch = Array.from({ length: Math.min(50, o.clients - i) }, () => connect(url, onData));
      streams.push(...(await Promise.all(batch)));
    }

    const delivery: number[] = [];
    const lastClient: number[] = [];
    const callRequest: number[] = [];
    let missed = 0;
    for (let n = 0; n < o.calls; n++) {
      const ticket = await api.post<{ id: string; number: string }>(`/api/halls/${hall.id}/tickets`, {
        businessType: "payment",
      });
      await new Promise((r) => setTimeout(r, 30)); // let the ticket.issued frames settle
      // One call is in flight at a time, so its frame is the only ticket.called on the wire.
      const w: Watch = {
        marker: Buffer.from("event: ticket.called\n"),
        t0: 0,
        arrivals: [],
        pending: o.clients,
        done: () => {},
      };
      const all = new Promise<void>((resolve) => {
        w.done = resolve;
      });
      w.t0 = performance.now();
      watch = w;
      await api.post(`/api/halls/${hall.id}/counters/${counterId}/call-next`);
      callRequest.push(performance.now() - w.t0);
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), 5000)),
      ]);
      watch = undefined;
      if (timedOut) missed += w.pending;
      delivery.push(...w.arrivals);
      if (!timedOut) lastClient.push(Math.max(...w.arrivals));
      await api.post(`/api/tickets/${ticket.id}/start`);
      await api.post(`/api/tickets/${ticket.id}/finish`, { outcome: "completed" });
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      workload: "sse",
      database: kind,
      clients: o.clients,
      calls: o.calls,
      delivery: latency(delivery),
      lastClient: latency(lastClient),
      callRequest: latency(callRequest),
      missed,
    };
  } finally {
    for (const s of streams) s.destroy();
    await server.close();
  }
}

export function printSse(f: SseFigures) {
  const row = (name: string, l: Latency) => [name, l.count, l.p50Ms, l.p95Ms, l.p99Ms, l.maxMs];
  console.log(`sse on ${f.database}: ${f.clients} connected display clients, ${f.calls} calls`);
  console.log(
    table([
      ["", "samples", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      row("call → each client", f.delivery),
      row("call → last client", f.lastClient),
      row("call-next request", f.callRequest),
    ]),
  );
  console.log(`missed deliveries ${f.missed}\n`);
}
