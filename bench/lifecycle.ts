import { Worker } from "node:worker_threads";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { type BaselineResult, runBaseline } from "./baseline.js";
import { type CpuReading, cpuBetween, cpuMeter } from "./cpu.js";
import type { LifecycleJob, LifecycleResult, Step } from "./lifecycle-worker.js";
import { type DatabaseKind, freshDatabase, listen, setupClient } from "./server.js";
import { type Latency, latency, perSecond } from "./stats.js";
import { sampleWaits, type WaitProfile } from "./waits.js";

// Workload "lifecycle": the ticket lifecycle (issue → call-next → start → finish) through real HTTP at
// `clients` concurrent clients, each calling at its own open counter, beside the raw baseline.

export type LifecycleOptions = {
  clients: number;
  warmupMs: number;
  durationMs: number;
  businessTypes: string[];
};

export type LifecycleFigures = {
  workload: "lifecycle";
  database: DatabaseKind;
  clients: number;
  businessTypes: string[];
  durationSeconds: number;
  requestsPerSecond: number;
  lifecyclesPerSecond: number;
  requests: Latency;
  steps: Record<Step, Latency>;
  emptyCalls: number;
  errors: LifecycleResult["errors"];
  baseline: BaselineResult;
  /** Cost of one request over the cost of one baseline insert+update, from throughput at saturation. */
  costRatio: number;
  /** Median request latency over median baseline pair latency, at the same concurrency. */
  p50Ratio: number;
  /**
   * CPU per request (the server's main thread, and the PostgreSQL backends of the bench database) and per
   * baseline pair, and the ratio of the two totals: the cost ratio that does not move with the machine's load.
   */
  cpu: {
    appMsPerRequest: number;
    dbMsPerRequest: number | null;
    appMsPerPair: number;
    dbMsPerPair: number | null;
    ratio: number | null;
  };
  /** PostgreSQL only: what the app's backends waited on during the run (mean backends per sample). */
  waits?: WaitProfile;
};

export function runWorker(
  job: LifecycleJob,
  onMark: (mark: "from" | "to") => void,
): Promise<LifecycleResult> {
  return new Promise((resolve, reject) => {
    // tsx registers its loader in the main thread only: the worker registers it, then loads the .ts file.
    const entry = new URL("./lifecycle-worker.ts", import.meta.url).href;
    const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.on("message", (m: LifecycleResult | { mark: "from" | "to" }) =>
      "mark" in m ? onMark(m.mark) : resolve(m),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

export async function lifecycleBench(kind: DatabaseKind, o: LifecycleOptions): Promise<LifecycleFigures> {
  const bench = await freshDatabase(kind);
  try {
    const { app, baseUrl } = await listen(bench.database);
    const setup = setupClient(baseUrl);
    const token = await setup.signIn("manager", DEMO_PASSWORD);
    const counterIds = await setup.openCounters(bench.hallId, o.clients, o.businessTypes);
    const waits = bench.url ? sampleWaits(bench.url) : undefined;
    const meter = await cpuMeter(bench.url);
    const readings: Promise<CpuReading>[] = [];
    const result = await runWorker(
      {
        baseUrl,
        token,
        hallId: bench.hallId,
        counterIds,
        businessTypes: o.businessTypes,
        warmupMs: o.warmupMs,
        durationMs: o.durationMs,
        maxLifecyclesPerClient: 100_000,
      },
      () => readings.push(meter.read()),
    );
    const [from, to] = await Promise.all(readings);
    const waitProfile = await waits?.stop();
    await app.close();
    const baseline = await runBaseline(bench.database, o.clients, o.warmupMs, o.durationMs, meter);
    await meter.close();
    const all = Object.values(result.samples).flat();
    const perRequest = cpuBetween(from, to, all.length);
    const requestsPerSecond = perSecond(all.length, o.durationMs);
    const requests = latency(all);
    return {
      workload: "lifecycle",
      database: kind,
      clients: o.clients,
      businessTypes: o.businessTypes,
      durationSeconds: o.durationMs / 1000,
      requestsPerSecond,
      lifecyclesPerSecond: perSecond(result.lifecycles, o.durationMs),
      requests,
      steps: {
        issue: latency(result.samples.issue),
        callNext: latency(result.samples.callNext),
        start: latency(result.samples.start),
        finish: latency(result.samples.finish),
      },
      emptyCalls: result.emptyCalls,
      errors: result.errors,
      baseline,
      costRatio: Math.round((baseline.pairsPerSecond / Math.max(1, requestsPerSecond)) * 100) / 100,
      p50Ratio: Math.round((requests.p50Ms / Math.max(0.001, baseline.pair.p50Ms)) * 100) / 100,
      cpu: {
        appMsPerRequest: perRequest.appMsPer,
        dbMsPerRequest: perRequest.dbMsPer,
        appMsPerPair: baseline.cpu.appMsPer,
        dbMsPerPair: baseline.cpu.dbMsPer,
        // On PGlite the baseline's queries never let the event loop turn, so its busy time reads as 0.
        ratio:
          baseline.cpu.appMsPer > 0
            ? Math.round(
                ((perRequest.appMsPer + (perRequest.dbMsPer ?? 0)) /
                  (baseline.cpu.appMsPer + (baseline.cpu.dbMsPer ?? 0))) *
                  100,
              ) / 100
            : null,
      },
      ...(waitProfile ? { waits: waitProfile } : {}),
    };
  } finally {
    await bench.drop();
  }
}
