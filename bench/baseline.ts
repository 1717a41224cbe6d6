import { sql } from "drizzle-orm";
import type { Database } from "../src/core/db.js";
import { type CpuMeter, type CpuReading, cpuBetween } from "./cpu.js";
import { type Latency, latency, perSecond } from "./stats.js";

// The floor under every request: one single-row INSERT and one single-row UPDATE of it, each its own
// autocommit statement, through the same driver and pool the app uses, at the same concurrency.

export type BaselineResult = {
  pairsPerSecond: number;
  pair: Latency;
  cpu: { appMsPer: number; dbMsPer: number | null };
};

export async function runBaseline(
  database: Database,
  clients: number,
  warmupMs: number,
  durationMs: number,
  meter: CpuMeter,
): Promise<BaselineResult> {
  const { db } = database;
  await db.execute(
    sql`CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, status text NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
  );
  const samples: number[] = [];
  const measureFrom = performance.now() + warmupMs;
  const stopAt = measureFrom + durationMs;
  const readings = [
    new Promise<CpuReading>((r) => setTimeout(() => r(meter.read()), warmupMs)),
    new Promise<CpuReading>((r) => setTimeout(() => r(meter.read()), warmupMs + durationMs)),
  ];
  async function client() {
    for (let n = 0; n < 1_000_000 && performance.now() < stopAt; n++) {
      const t0 = performance.now();
      // Both drivers answer with { rows }; the shared Db type leaves the result unknown.
      const inserted = (await db.execute(
        sql`INSERT INTO bench_baseline (status) VALUES ('waiting') RETURNING id`,
      )) as {
        rows: { id: string }[];
      };
      await db.execute(
        sql`UPDATE bench_baseline SET status = 'called', at = now() WHERE id = ${inserted.rows[0].id}`,
      );
      const t1 = performance.now();
      if (t0 >= measureFrom && t1 <= stopAt) samples.push(t1 - t0);
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const [from, to] = await Promise.all(readings);
  await db.execute(sql`DROP TABLE bench_baseline`);
  return {
    pairsPerSecond: perSecond(samples.length, durationMs),
    pair: latency(samples),
    cpu: cpuBetween(from, to, samples.length),
  };
}
