import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers.js";
import { seedDemo, seedEssentials } from "../../cli/seed.js";
import type { Database } from "../../core/db.js";
import { insertRow, rowOf, run, statement } from "../../core/statements.js";
import { presentTicket, ticketJsonSql } from "./data.js";
import { journeys, tickets } from "./tables.js";

// A change made in one statement (steps/) writes its event with ticketJsonSql; every other
// change writes presentTicket. Displays read both, so for any ticket row the two must agree.

const STATUSES = ["waiting", "called", "serving", "finished", "no_show", "cancelled", "diverted"] as const;

const ticketRow = fc.record({
  status: fc.constantFrom(...STATUSES),
  vip: fc.boolean(),
  phone: fc.oneof(
    fc.constant(null),
    fc.constant(""),
    fc.stringMatching(/^1[3-9]\d{9}$/),
    fc.stringMatching(/^\d{1,12}$/),
  ),
  // Whole milliseconds, as every instant Tingwu writes; far from "now" on either side of the wait limit.
  issuedMsAgo: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 700_000, max: 90_000_000 })),
  // A returned no-show's place in line is set back from its issue time.
  queueAfterMs: fc.integer({ min: 0, max: 3_600_000 }),
  calledAfterMs: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
  startedAfterMs: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
  finishedAfterMs: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
  counterNumber: fc.option(fc.integer({ min: 1, max: 99 })),
  recallCount: fc.integer({ min: 0, max: 5 }),
  calledOutOfOrder: fc.boolean(),
  outcome: fc.option(fc.constantFrom("done", "not_done", "referred")),
  recommended: fc.array(fc.constantFrom("5g_plan", "broadband", "家庭套餐"), { maxLength: 3 }),
  divertChannel: fc.option(fc.constantFrom("self_service", "online_hall")),
  waitSeconds: fc.option(fc.integer({ min: 0, max: 10_000 })),
  handlingSeconds: fc.option(fc.integer({ min: 0, max: 10_000 })),
  waitBreached: fc.boolean(),
  handlingBreached: fc.boolean(),
});

describe("a ticket's view in SQL (ticketJsonSql)", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let hallId: string;
  let seq = 0;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    await seedEssentials(database.db);
    hallId = (await seedDemo(database.db))!.hallId;
  });
  afterAll(() => drop());

  const present = statement(`SELECT ${ticketJsonSql("t")} AS json FROM tickets t WHERE t.id = $1`);

  it("should say what presentTicket says, for any ticket", async () => {
    await fc.assert(
      fc.asyncProperty(ticketRow, async (r) => {
        const now = Date.now();
        const issuedAt = new Date(now - r.issuedMsAgo);
        const later = (ms: number | null) => (ms === null ? null : new Date(issuedAt.getTime() + ms));
        const visit = await insertRow(database.db, journeys, { hallId });
        seq += 1;
        const row = await insertRow(database.db, tickets, {
          hallId,
          visitId: visit.id,
          serviceDate: "2026-11-25",
          prefix: "Z",
          seq,
          number: `Z${String(seq).padStart(3, "0")}`,
          businessType: "payment",
          vip: r.vip,
          channel: "kiosk",
          phone: r.phone,
          status: r.status,
          queueAt: later(r.queueAfterMs)!,
          issuedAt,
          counterNumber: r.counterNumber,
          targetCounterId: r.counterNumber === null ? randomUUID() : null,
          calledAt: later(r.calledAfterMs),
          startedAt: later(r.startedAfterMs),
          finishedAt: later(r.finishedAfterMs),
          recallCount: r.recallCount,
          calledOutOfOrder: r.calledOutOfOrder,
          outcome: r.outcome,
          recommended: r.recommended,
          divertChannel: r.divertChannel,
          waitSeconds: r.waitSeconds,
          handlingSeconds: r.handlingSeconds,
          waitLimitSeconds: 600,
          handlingLimitSeconds: 180,
          waitBreached: r.waitBreached,
          handlingBreached: r.handlingBreached,
        });
        const [{ json }] = await run<{ json: unknown }>(database.db, present, [row.id]);
        const stored = rowOf(tickets)(
          (await run(database.db, statement("SELECT * FROM tickets WHERE id = $1"), [row.id]))[0],
        );
        expect(json).toEqual(presentTicket(stored));
      }),
      { numRuns: 60 },
    );
  });
});
