import pg from "pg";

// While a PostgreSQL workload runs, what its backends are doing, sampled from pg_stat_activity:
// "Lock:advisory" piling up means transactions queue on an advisory lock, "Client:ClientRead" that
// they wait for the app's next statement (round trips), "running" that they use CPU.

export type WaitProfile = { samples: number; backendsPerSample: Record<string, number> };

export function sampleWaits(url: string, everyMs = 100) {
  const client = new pg.Client({ connectionString: url });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    const db = new URL(url).pathname.slice(1);
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, state) AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'
          GROUP BY 1`,
        [db],
      );
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return {
    async stop(): Promise<WaitProfile> {
      running = false;
      await done;
      const per = Object.fromEntries(
        [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => [k, Math.round((n / Math.max(1, samples)) * 10) / 10]),
      );
      return { samples, backendsPerSample: per };
    },
  };
}
