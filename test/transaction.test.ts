import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/core/db.js";
import { withEvents } from "../src/core/events/write.js";
import { insertRow, run, statement } from "../src/core/statements.js";
import { sendTogether } from "../src/core/transaction.js";
import { journeys, ticketHistory } from "../src/features/queue/tables.js";
import { buildTestApp, type TestApp } from "./helpers.js";

// withEvents on PostgreSQL pipelines its statements (BEGIN with the first, COMMIT with the closing one,
// NOTIFY after): a failure anywhere must undo everything, and the pooled connection must come back clean
// for whoever uses it next. On PGlite the same tests run through Drizzle's transaction.
describe("queue-change transactions (withEvents)", () => {
  let t: TestApp;
  let hallId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
  });
  afterAll(() => t?.close());

  const visitCount = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM visits WHERE hall_id = ${hallId}`,
        )
      )[0].n,
    );
  const eventCount = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM hall_events WHERE hall_id = ${hallId}`,
        )
      )[0].n,
    );
  const ping = statement("SELECT $1::int AS n");

  it("should undo the whole change when its closing statement fails, and leave every connection usable", async () => {
    const [visits0, events0] = [await visitCount(), await eventCount()];
    for (let i = 0; i < 25; i++) {
      const failed = await withEvents(t.database.db, async (work) => {
        await insertRow(work.tx, journeys, { hallId, enteredAt: new Date() });
        work.publish(hallId, "visit.node", { attempt: i });
        // History of a ticket that does not exist: the closing statement breaks its foreign key.
        work.append(ticketHistory, { hallId, ticketId: randomUUID(), action: "issue", toStatus: "waiting" });
      }).catch((e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code);
      expect(failed).toBe("23503");
    }
    expect(await visitCount()).toBe(visits0);
    expect(await eventCount()).toBe(events0);
    // Forty statements at once over the pool: each answer is its own (none left over from a broken pipeline).
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => run<{ n: number }>(t.database.db, ping, [n])),
    );
    expect(answers.map((rows) => rows[0].n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it("should undo the change when the code throws with statements still in flight", async () => {
    const visits0 = await visitCount();
    for (let i = 0; i < 25; i++) {
      const error = await withEvents(t.database.db, async ({ tx }) => {
        // Sent together and not awaited: the throw comes while they are still on the wire.
        void insertRow(tx, journeys, { hallId, enteredAt: new Date() }).catch(() => {});
        void run(tx, ping, [i]).catch(() => {});
        throw new Error("refused by a rule");
      }).catch((e: Error) => e.message);
      expect(error).toBe("refused by a rule");
    }
    expect(await visitCount()).toBe(visits0);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => run<{ n: number }>(t.database.db, ping, [n])),
    );
    expect(answers.map((rows) => rows[0].n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it("should commit the change and its events together when all goes well", async () => {
    const [visits0, events0] = [await visitCount(), await eventCount()];
    await withEvents(t.database.db, async (work) => {
      const v = insertRow(work.tx, journeys, { hallId, enteredAt: new Date() });
      work.publish(hallId, "visit.node", { committed: true });
      await v;
    });
    expect(await visitCount()).toBe(visits0 + 1);
    expect(await eventCount()).toBe(events0 + 1);
  });

  // sendTogether (the ticket number's own statement, then the issue): one write, statements in order.
  it.skipIf(!process.env.DATABASE_URL)(
    "should run statements sent together in order, each alone, on one connection",
    async () => {
      const set = statement("SELECT set_config('tingwu.test', $1::text, false) AS v");
      const get = statement("SELECT current_setting('tingwu.test', true) AS v");
      const fail = statement("SELECT 1 / $1::int AS v");
      const tag = randomUUID();
      const answers = await sendTogether(t.database.db, [
        [set, [tag]],
        [get, []],
      ]);
      expect(answers?.map((rows) => rows[0].v)).toEqual([tag, tag]);
      // A failing statement rejects the whole send, but the connection goes back to the pool clean.
      await expect(
        sendTogether(t.database.db, [
          [set, [`${tag}-2`]],
          [fail, [0]],
          [get, []],
        ]),
      ).rejects.toThrow(/division by zero/);
      for (let i = 0; i < 25; i++) expect((await run(t.database.db, ping, [i]))[0].n).toBe(i);
    },
  );

  it.skipIf(!!process.env.DATABASE_URL)("should send nothing together on PGlite", async () => {
    expect(await sendTogether(t.database.db, [[ping, [1]]])).toBeNull();
  });

  it("should number tickets without a gap when issued one after another", async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: await t.token("manager"),
        body: { businessType: "refund" },
      });
      numbers.push(res.json().number);
    }
    const seqs = numbers.map((n) => Number(n.slice(1)));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });
});
