import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import pg from "pg";

// CPU spent on the work, not wall-clock throughput: on a shared 2-core machine the throughput moves with
// whatever else runs, but the milliseconds of CPU one request costs the app's main thread and its
// PostgreSQL backends hardly do. Read at the start and at the end of a measured window.

export type CpuReading = { appMs: number; dbMs: number | null };

// Linux reports process times in clock ticks; 100 per second on every kernel config we run on.
const TICK_MS = 10;

/** utime + stime of a process, in ms; null when it has gone. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export type CpuMeter = { read(): Promise<CpuReading>; close(): Promise<void> };

/**
 * The main thread's busy time (event-loop utilisation: the server's handlers and, on PGlite, the
 * database itself) and, on PostgreSQL, the CPU of the backends connected to the bench database.
 */
export async function cpuMeter(url?: string): Promise<CpuMeter> {
  const admin = url ? new pg.Client({ connectionString: url }) : undefined;
  await admin?.connect();
  const backendsMs = new Map<number, number>();
  return {
    async read() {
      const appMs = performance.eventLoopUtilization().active;
      if (!admin) return { appMs, dbMs: null };
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      let dbMs = 0;
      for (const { pid } of rows) {
        const ms = processCpuMs(pid);
        if (ms !== null) backendsMs.set(pid, ms);
      }
      // Backends that ended keep their last reading, so a closed connection does not lower the total.
      for (const ms of backendsMs.values()) dbMs += ms;
      return { appMs, dbMs };
    },
    async close() {
      await admin?.end();
    },
  };
}

export const cpuBetween = (a: CpuReading, b: CpuReading, units: number) => ({
  appMsPer: Math.round(((b.appMs - a.appMs) / Math.max(1, units)) * 1000) / 1000,
  dbMsPer:
    a.dbMs === null || b.dbMs === null
      ? null
      : Math.round(((b.dbMs - a.dbMs) / Math.max(1, units)) * 1000) / 1000,
});
