import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { DEMO_PASSWORD } from "../src/seed.js";
import { type DatabaseKind, freshDatabase, listen, setupClient } from "./server.js";
import { table } from "./stats.js";

// Workload "trips": one client, one step at a time, counting the SQL statements each request of the
// lifecycle sends to the database and the time spent waiting on them. Counts do not depend on how
// busy the machine is, so this is the figure to read when the throughput numbers look wrong.

type Step = "issue" | "callNext" | "start" | "finish";
export type TripsFigures = {
  workload: "trips";
  database: DatabaseKind;
  lifecycles: number;
  steps: Record<Step, { statementsPerRequest: number; dbMsPerRequest: number; totalMsPerRequest: number }>;
  /** The statements of one lifecycle, in order, first 140 characters each. */
  oneLifecycle: { step: Step; sql: string }[];
};

let current: Step | null = null;
const counts = new Map<Step, { n: number; ms: number }>();
let log: { step: Step; sql: string }[] | null = null;

function count(sqlText: unknown, ms: number) {
  if (!current) return;
  const e = counts.get(current) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += ms;
  counts.set(current, e);
  const text = typeof sqlText === "string" ? sqlText : ((sqlText as { text?: string })?.text ?? "");
  log?.push({ step: current, sql: text.replace(/\s+/g, " ").slice(0, 140) });
}

type Fn = (...args: unknown[]) => unknown;
let instrumented = false;

/** Wraps each driver's statement entry points, once, for this process only. */
function instrument() {
  if (instrumented) return;
  instrumented = true;
  const pglite = PGlite.prototype as unknown as Record<string, Fn>;
  wrap(pglite, "query");
  wrap(pglite, "exec");
  // Inside a transaction PGlite hands out its own query/exec object; wrap those as they are made.
  const transaction = pglite.transaction;
  pglite.transaction = function (this: unknown, callback: unknown) {
    return transaction.call(this, (tx: Record<string, Fn>) => {
      wrap(tx, "query");
      wrap(tx, "exec");
      return (callback as Fn)(tx);
    });
  };
  wrap(pg.Client.prototype as unknown as Record<string, Fn>, "query");
  // A statement outside a transaction goes through the pool, which hands a callback to the client's
  // query (not counted there: only calls that return a promise are).
  wrap(pg.Pool.prototype as unknown as Record<string, Fn>, "query");
}

function wrap(target: Record<string, Fn>, name: string) {
  {
    const original = target[name];
    target[name] = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const result = original.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === "function") {
        const step = current;
        return (result as Promise<unknown>).finally(() => {
          const was = current;
          current = step;
          count(args[0], performance.now() - t0);
          current = was;
        });
      }
      return result;
    };
  }
}

export async function tripsBench(kind: DatabaseKind, lifecycles = 50): Promise<TripsFigures> {
  instrument();
  const bench = await freshDatabase(kind);
  try {
    const { app, baseUrl } = await listen(bench.database);
    const api = setupClient(baseUrl);
    await api.signIn("manager", DEMO_PASSWORD);
    const [counterId] = await api.openCounters(bench.hallId, 1, ["payment"]);
    const total: Record<Step, number> = { issue: 0, callNext: 0, start: 0, finish: 0 };
    const oneLifecycle: TripsFigures["oneLifecycle"] = [];
    async function step<T>(s: Step, run: () => Promise<T>): Promise<T> {
      current = s;
      const t0 = performance.now();
      try {
        return await run();
      } finally {
        total[s] += performance.now() - t0;
        current = null;
      }
    }
    for (let i = 0; i < lifecycles; i++) {
      if (i === lifecycles - 1) log = oneLifecycle; // the last one: caches are warm, as in steady state
      await step("issue", () => api.post(`/api/halls/${bench.hallId}/tickets`, { businessType: "payment" }));
      const { ticket } = await step("callNext", () =>
        api.post<{ ticket: { id: string } }>(`/api/halls/${bench.hallId}/counters/${counterId}/call-next`),
      );
      await step("start", () => api.post(`/api/tickets/${ticket.id}/start`));
      await step("finish", () => api.post(`/api/tickets/${ticket.id}/finish`, { outcome: "completed" }));
    }
    log = null;
    await app.close();
    const per = (s: Step) => ({
      statementsPerRequest: Math.round(((counts.get(s)?.n ?? 0) / lifecycles) * 10) / 10,
      dbMsPerRequest: Math.round(((counts.get(s)?.ms ?? 0) / lifecycles) * 100) / 100,
      totalMsPerRequest: Math.round((total[s] / lifecycles) * 100) / 100,
    });
    return {
      workload: "trips",
      database: kind,
      lifecycles,
      steps: { issue: per("issue"), callNext: per("callNext"), start: per("start"), finish: per("finish") },
      oneLifecycle,
    };
  } finally {
    counts.clear();
    await bench.drop();
  }
}

export function printTrips(f: TripsFigures) {
  console.log(`trips on ${f.database}: ${f.lifecycles} lifecycles, one client`);
  console.log(
    table([
      ["step", "statements", "db ms", "request ms"],
      ...Object.entries(f.steps).map(([s, v]) => [
        s,
        v.statementsPerRequest,
        v.dbMsPerRequest,
        v.totalMsPerRequest,
      ]),
    ]),
  );
  console.log();
}
