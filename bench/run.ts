import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { type LifecycleFigures, lifecycleBench } from "./lifecycle.js";
import type { DatabaseKind } from "./server.js";
import { table } from "./stats.js";

// `npm run bench [-- --only lifecycle|sse|screens|trips|staffing|history|reports] [--db pglite|postgres] [--seconds 15]
//   [--clients 32] [--types payment,change,…] [--halls N (staffing 1000, history 200)]
//   [--days 90 --tickets-per-day 500 --rounds 3 (history)]`
// Runs the workloads, prints the figures, writes bench/results/<workload>-<database>.json.

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    db: { type: "string" },
    seconds: { type: "string", default: "15" },
    clients: { type: "string", default: "32" },
    // Business types the lifecycle clients issue, comma-separated; one type is the worst case.
    types: { type: "string", default: "payment" },
    "sse-clients": { type: "string", default: "1000" },
    "sse-calls": { type: "string", default: "100" },
    // screens: staff screens watching one hall, and the calls they watch
    screens: { type: "string", default: "50" },
    "screen-calls": { type: "string", default: "20" },
    // staffing: halls planned (default 1000); history: halls of the kept history database (default 200)
    halls: { type: "string" },
    // history: the size of the kept history database, and the turns measured against the empty one
    days: { type: "string", default: "90" },
    "tickets-per-day": { type: "string", default: "500" },
    rounds: { type: "string", default: "3" },
  },
});
const kinds: DatabaseKind[] = values.db ? [values.db as DatabaseKind] : ["pglite", "postgres"];
const workloads = values.only ? [values.only] : ["lifecycle", "sse"];
const resultsDir = new URL("./results/", import.meta.url);
mkdirSync(resultsDir, { recursive: true });

const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
console.log(
  `machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
);

// The machine is shared (tests, browsers, other sessions): the load average says how quiet it was.
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

function save(name: string, figures: object, loadBefore: number[]) {
  const file = new URL(`${name}.json`, resultsDir);
  const run = {
    machine,
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    at: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify({ ...figures, ...run }, null, 2)}\n`);
  console.log(
    `load average (1, 5, 15 min) before ${loadBefore.join(" ")}, after ${run.loadAverageAfter.join(" ")}\n`,
  );
}

function printLifecycle(f: LifecycleFigures) {
  const row = (name: string, l: LifecycleFigures["requests"]) => [
    name,
    l.count,
    l.p50Ms,
    l.p95Ms,
    l.p99Ms,
    l.maxMs,
  ];
  console.log(
    `lifecycle on ${f.database}: ${f.clients} clients, ${f.durationSeconds} s measured, issuing ${f.businessTypes.join(",")}`,
  );
  console.log(
    table([
      ["step", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      row("issue", f.steps.issue),
      row("call-next", f.steps.callNext),
      row("start", f.steps.start),
      row("finish", f.steps.finish),
      row("all", f.requests),
      [
        "baseline insert+update",
        f.baseline.pair.count,
        f.baseline.pair.p50Ms,
        f.baseline.pair.p95Ms,
        f.baseline.pair.p99Ms,
        f.baseline.pair.maxMs,
      ],
    ]),
  );
  console.log(
    `requests/s ${f.requestsPerSecond}  lifecycles/s ${f.lifecyclesPerSecond}  baseline pairs/s ${f.baseline.pairsPerSecond}  ` +
      `cost ratio ${f.costRatio}×  p50 ratio ${f.p50Ratio}×  empty calls ${f.emptyCalls}  errors ${f.errors.length}`,
  );
  const db = (ms: number | null) => (ms === null ? "" : ` + database ${ms} ms`);
  console.log(
    `CPU per request: app ${f.cpu.appMsPerRequest} ms${db(f.cpu.dbMsPerRequest)}; per baseline pair: app ` +
      `${f.cpu.appMsPerPair || "n/a"} ms${db(f.cpu.dbMsPerPair)}; CPU cost ratio ${f.cpu.ratio ?? "n/a"}×`,
  );
  for (const e of f.errors.slice(0, 3)) console.log(`  error: ${e.step} ${e.status} ${e.body}`);
  if (f.waits) {
    const top = Object.entries(f.waits.backendsPerSample).slice(0, 5);
    console.log(
      `backends busy, by what they wait on (mean per sample): ${top.map(([k, n]) => `${k} ${n}`).join(", ")}`,
    );
  }
  console.log();
}

const seconds = Number(values.seconds);
for (const workload of workloads) {
  if (workload === "staffing") {
    // Pure computation: no database, so one run, not one per database.
    const { staffingBench, printStaffing } = await import("./staffing.js");
    const loadBefore = load();
    const f = await staffingBench({ halls: Number(values.halls ?? 1000) });
    printStaffing(f);
    save("staffing", f, loadBefore);
    continue;
  }
  for (const kind of kinds) {
    const loadBefore = load();
    if (workload === "lifecycle") {
      const f = await lifecycleBench(kind, {
        clients: Number(values.clients),
        warmupMs: 2000,
        durationMs: seconds * 1000,
        businessTypes: values.types.split(","),
      });
      printLifecycle(f);
      save(`lifecycle-${kind}${values.types === "payment" ? "" : "-mixed"}`, f, loadBefore);
    } else if (workload === "trips") {
      const { tripsBench, printTrips } = await import("./trips.js");
      const f = await tripsBench(kind);
      printTrips(f);
      save(`trips-${kind}`, f, loadBefore);
    } else if (workload === "history") {
      const { historyBench, printHistory } = await import("./history.js");
      const f = await historyBench(kind, {
        halls: Number(values.halls ?? 200),
        days: Number(values.days),
        ticketsPerDay: Number(values["tickets-per-day"]),
        rounds: Number(values.rounds),
        lifecycleSeconds: seconds,
        clients: Number(values.clients),
        probes: 30,
      });
      printHistory(f);
      save(`history-${kind}`, f, loadBefore);
    } else if (workload === "reports") {
      if (kind !== "postgres") continue;
      const { reportsBench, printReports } = await import("./reports.js");
      const f = await reportsBench({
        halls: Number(values.halls ?? 20),
        days: Number(values.days),
        ticketsPerDay: Number(values["tickets-per-day"]),
        calls: 20,
        closers: 4,
        clients: Number(values.clients),
        lifecycleSeconds: seconds,
      });
      printReports(f);
      save("reports-postgres", f, loadBefore);
    } else if (workload === "sse") {
      const { sseBench, printSse } = await import("./sse.js");
      const f = await sseBench(kind, {
        clients: Number(values["sse-clients"]),
        calls: Number(values["sse-calls"]),
      });
      printSse(f);
      save(`sse-${kind}`, f, loadBefore);
    } else if (workload === "screens") {
      const { screensBench, printScreens } = await import("./screens.js");
      const f = await screensBench(kind, {
        screens: Number(values.screens),
        calls: Number(values["screen-calls"]),
      });
      printScreens(f);
      save(`screens-${kind}`, f, loadBefore);
    } else {
      throw new Error(`unknown workload ${workload}`);
    }
  }
}
