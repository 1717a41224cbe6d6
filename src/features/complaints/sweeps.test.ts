import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { type Database, openDatabase, queryRows } from "../../core/db.js";
import { sweepComplaintClocks } from "./sweeps.js";

const HOUR = 3_600_000;

describe("complaint escalation sweep: each warning and escalation once, with two instances", () => {
  let t: TestApp;
  let second: Database | null = null;
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp();
    token = await t.token("counter1");
    // On PostgreSQL the second instance is a second pool on the same database; PGlite has one process.
    if (t.url) second = await openDatabase({ url: t.url, poolSize: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  /** Both instances sweep at the same moment (at once on PostgreSQL, one after the other on PGlite). */
  async function sweepBoth(now: Date) {
    if (second)
      await Promise.all([sweepComplaintClocks(t.database.db, now), sweepComplaintClocks(second.db, now)]);
    else {
      await sweepComplaintClocks(t.database.db, now);
      await sweepComplaintClocks(t.database.db, now);
    }
  }
  const messages = (id: string) =>
    queryRows<{ recipient: string; level: string; clock: string }>(
      t.database.db,
      sql`SELECT recipient, payload->>'level' AS level, payload->>'clock' AS clock FROM outbox
          WHERE payload->>'complaintId' = ${id} ORDER BY id`,
    );
  const get = async (id: string) => (await t.api("GET", `/api/complaints/${id}`, { token })).json();

  it("should warn the owner and the hall manager at 80 %, then escalate once when the first reply is late", async () => {
    const created = await t.api("POST", "/api/complaints", {
      token,
      body: {
        customer: { name: "王先生", phone: "13900001111" },
        channel: "counter",
        category: "network",
        description: "家里信号差",
        request: "尽快解决",
      },
    });
    const c = created.json();
    const received = Date.parse(c.receivedAt);
    await sweepBoth(new Date(received + 30 * HOUR)); // 62 %: nothing yet
    expect(await messages(c.id)).toHaveLength(0);

    await sweepBoth(new Date(received + 39 * HOUR)); // 81 %
    await sweepBoth(new Date(received + 40 * HOUR));
    const warnings = await messages(c.id);
    expect(warnings.map((m) => m.level)).toEqual(["warning", "warning"]); // the owner and the hall manager
    expect((await get(c.id)).escalationLevel).toBe(0);

    await sweepBoth(new Date(received + 49 * HOUR));
    await sweepBoth(new Date(received + 60 * HOUR));
    const after = await get(c.id);
    expect(after).toMatchObject({ breached: true, breachCount: 1, escalationLevel: 1 });
    expect(after.history.filter((h: { action: string }) => h.action === "escalated")).toHaveLength(1);
    const all = await messages(c.id);
    expect(all.filter((m) => m.level === "breach")).toHaveLength(2);

    // A progress call starts the 48-hour progress clock; when it too passes, up one more level (area).
    await t.api("POST", `/api/complaints/${c.id}/contact`, {
      token,
      body: { text: "正在处理", channel: "phone" },
    });
    const progress = await get(c.id);
    expect(progress.dueKind).toBe("progress");
    await sweepBoth(new Date(Date.parse(progress.dueAt) + HOUR));
    await sweepBoth(new Date(Date.parse(progress.dueAt) + 2 * HOUR));
    const later = await get(c.id);
    expect(later).toMatchObject({ breachCount: 2, escalationLevel: 2 });
    const progressMessages = (await messages(c.id)).filter((m) => m.clock === "progress");
    expect(progressMessages.map((m) => m.level).sort()).toEqual(["breach", "breach", "warning", "warning"]);
    const alerts = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM complaint_alerts WHERE complaint_id = ${c.id}`,
    );
    expect(Number(alerts[0].n)).toBe(4);
  });

  it("should run as a sweeper task without error", async () => {
    await t.app.ctx.sweeper.runOnce();
  });
});
