import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { type DatabaseKind, freshDatabase, listen, setupClient } from "./server.js";
import { counted, countedUnder, resetCounts } from "./statements.js";
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

export async function tripsBench(kind: DatabaseKind, lifecycles = 50): Promise<TripsFigures> {
  const bench = await freshDatabase(kind);
  try {
    const { app, baseUrl } = await listen(bench.database);
    const api = setupClient(baseUrl);
    await api.signIn("manager", DEMO_PASSWORD);
    const [counterId] = await api.openCounters(bench.hallId, 1, ["payment"]);
    const total: Record<Step, number> = { issue: 0, callNext: 0, start: 0, finish: 0 };
    const oneLifecycle: TripsFigures["oneLifecycle"] = [];
    async function step<T>(s: Step, run: () => Promise<T>): Promise<T> {
      const t0 = performance.now();
      try {
        // The last lifecycle's statements are kept: caches are warm, as in steady state.
        return await counted(s, run, last);
      } finally {
        total[s] += performance.now() - t0;
      }
    }
    let last = false;
    for (let i = 0; i < lifecycles; i++) {
      last = i === lifecycles - 1;
      await step("issue", () => api.post(`/api/halls/${bench.hallId}/tickets`, { businessType: "payment" }));
      const { ticket } = await step("callNext", () =>
        api.post<{ ticket: { id: string } }>(`/api/halls/${bench.hallId}/counters/${counterId}/call-next`),
      );
      await step("start", () => api.post(`/api/tickets/${ticket.id}/start`));
      await step("finish", () => api.post(`/api/tickets/${ticket.id}/finish`, { outcome: "completed" }));
    }
    await app.close();
    const steps: Step[] = ["issue", "callNext", "start", "finish"];
    for (const s of steps) {
      for (const sql of countedUnder(s).texts ?? []) oneLifecycle.push({ step: s, sql });
    }
    const per = (s: Step) => ({
      statementsPerRequest: Math.round((countedUnder(s).n / lifecycles) * 10) / 10,
      dbMsPerRequest: Math.round((countedUnder(s).ms / lifecycles) * 100) / 100,
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
    resetCounts();
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
