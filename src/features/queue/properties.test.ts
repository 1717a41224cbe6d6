import { asc, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers.js";
import { seedEssentials } from "../../cli/seed.js";
import type { Database } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { withEvents } from "../../core/events/write.js";
import type { Counter, Hall } from "../halls/contract.js";
import { createCounter, createHall, openCounter } from "../halls/mutations.js";
import type { TicketStatus } from "./contract.js";
import type { TicketRow } from "./data.js";
import { type ActionInput, applyTicketAction } from "./mutations.js";
import { canApply, refusalCode, type TicketAction, vipWaitBeforeRegularOf } from "./rules.js";
import { callTicket } from "./steps/call.js";
import { callNext } from "./steps/call-next.js";
import { issueTicketNow as issueTicket } from "./steps/issue.js";
import { ticketHistory, tickets } from "./tables.js";

// R-CALL as properties: random interleavings of every ticket action across several counters, checked
// against a model after each step, on a real database (PGlite, or PostgreSQL when DATABASE_URL is set).

const TZ = "Asia/Shanghai";
const TYPES = ["payment", "change", "consultation"] as const;
const COUNTERS: { label: string; businessTypes: string[]; vip: boolean }[] = [
  { label: "综合", businessTypes: [...TYPES], vip: false },
  { label: "交费", businessTypes: ["payment"], vip: false },
  { label: "变更咨询", businessTypes: ["change", "consultation"], vip: false },
  { label: "VIP", businessTypes: [...TYPES], vip: true },
];
const ACTIVE: TicketStatus[] = ["called", "serving"];
const actor = { userId: null };
// Modest by default so the file stays under a minute on either database; raise it to hunt (PROPERTY_RUNS=500).
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const TIMEOUT = 60_000 + RUNS * 2_000;

type Model = {
  id: string;
  status: TicketStatus;
  vip: boolean;
  businessType: string;
  queueAt: number;
  counterId: string | null;
  targetCounterId: string | null;
  transitions: number;
};

type Command =
  | { kind: "issue"; businessType: string; vip: boolean; phone: boolean }
  | { kind: "callNext"; counter: number }
  | { kind: "call"; counter: number; pick: number }
  | {
      kind: "act";
      action: Exclude<TicketAction, "call" | "divert" | "transfer" | "undo_no_show">;
      pick: number;
    }
  | { kind: "transfer"; pick: number; businessType: string | null; counter: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("issue" as const),
      businessType: fc.constantFrom(...TYPES),
      vip: fc.nat(9).map((n) => n < 2),
      phone: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("callNext" as const), counter: fc.nat(COUNTERS.length - 1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("call" as const),
      counter: fc.nat(COUNTERS.length - 1),
      pick: fc.nat(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("act" as const),
      action: fc.constantFrom("start", "start", "finish", "finish", "recall", "no_show", "return", "cancel"),
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("transfer" as const),
      pick: fc.nat(),
      businessType: fc.option(fc.constantFrom(...TYPES)),
      counter: fc.nat(COUNTERS.length - 1),
    }),
  },
);

/** The order call-next must follow: VIP first, then place in line, then id (as PostgreSQL orders uuids). */
const callingOrder = (a: Model, b: Model) =>
  Number(b.vip) - Number(a.vip) || a.queueAt - b.queueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const codeOf = (err: unknown) => {
  if (err instanceof AppError) return err.code;
  throw err;
};

describe("queue properties", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let hallNo = 0;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    await seedEssentials(database.db, "operator-test-password");
  });
  afterAll(() => drop());

  /** Each run gets its own hall: the queue is per hall, so runs cannot see each other. */
  async function freshHall(): Promise<{ hall: Hall; counters: Counter[] }> {
    const db = database.db;
    const hall = await createHall(db, {
      name: `性质厅${++hallNo}`,
      type: "self_run",
      regionCode: "T-PROP",
      openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
    });
    const counters: Counter[] = [];
    for (const c of COUNTERS) {
      const counter = await createCounter(db, hall.id, c);
      counters.push(await withEvents(db, (work) => openCounter(work, hall.id, counter.id, null)));
    }
    return { hall, counters };
  }

  async function rowsOf(hallId: string): Promise<TicketRow[]> {
    return database.db
      .select()
      .from(tickets)
      .where(eq(tickets.hallId, hallId))
      .orderBy(asc(tickets.issuedAt));
  }

  /** The database agrees with the model, and no counter holds two tickets, nor a ticket two counters. */
  async function checkInvariants(hallId: string, model: Map<string, Model>, step: string) {
    const rows = await rowsOf(hallId);
    expect(rows.length, step).toBe(model.size);
    const holders = new Map<string, string>();
    for (const r of rows) {
      const m = model.get(r.id);
      expect(m, `${step}: unexpected ticket ${r.number}`).toBeDefined();
      expect(
        { status: r.status, counterId: r.counterId, businessType: r.businessType },
        `${step}: ${r.number}`,
      ).toEqual({
        status: m!.status,
        counterId: m!.counterId,
        businessType: m!.businessType,
      });
      // Held by a counter while called or serving; a finished ticket names the counter that served it.
      expect(r.counterId !== null, `${step}: ${r.number} is ${r.status}`).toBe(
        [...ACTIVE, "finished"].includes(r.status),
      );
      if (r.counterId && ACTIVE.includes(r.status)) {
        expect(holders.get(r.counterId), `${step}: counter holds two tickets`).toBeUndefined();
        holders.set(r.counterId, r.id);
      }
    }
  }

  it(
    "should follow the state machine, VIP first and first come first served, one ticket per counter",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(commandArb, { minLength: 10, maxLength: 40 }), async (commands) => {
          const { hall, counters } = await freshHall();
          const db = database.db;
          const model = new Map<string, Model>();
          const sync = (row: TicketRow, steps = 1) => {
            const m = model.get(row.id)!;
            Object.assign(m, {
              status: row.status,
              queueAt: row.queueAt.getTime(),
              counterId: row.counterId,
              businessType: row.businessType,
              targetCounterId: row.targetCounterId,
            });
            m.transitions += steps;
          };
          const busy = (counterId: string) =>
            [...model.values()].some((m) => m.counterId === counterId && ACTIVE.includes(m.status));
          let clock = Date.parse("2026-11-24T01:00:00Z");

          for (const [i, cmd] of commands.entries()) {
            clock += 1000;
            const now = new Date(clock);
            const step = `step ${i} ${JSON.stringify(cmd)}`;
            const all = [...model.values()];
            switch (cmd.kind) {
              case "issue": {
                const input = {
                  businessType: cmd.businessType,
                  vip: cmd.vip,
                  phone: cmd.phone ? "13800138000" : undefined,
                };
                const t = await issueTicket(db, hall, input, actor, TZ, now);
                expect(t.status).toBe("waiting");
                model.set(t.id, { ...t, queueAt: t.queueAt.getTime(), transitions: 0 });
                sync(t);
                break;
              }
              case "callNext": {
                const counter = counters[cmd.counter];
                const result = await callNext(db, hall, counter.id, actor, now).catch(codeOf);
                if (busy(counter.id)) {
                  expect(result, step).toBe("counter_busy");
                  break;
                }
                const eligible = all
                  .filter(
                    (m) =>
                      m.status === "waiting" &&
                      counter.businessTypes.includes(m.businessType) &&
                      (m.targetCounterId === null || m.targetCounterId === counter.id) &&
                      // The VIP counter stays open here: a regular counter takes a VIP only after the wait.
                      (!m.vip ||
                        counter.vip ||
                        now.getTime() - m.queueAt >= vipWaitBeforeRegularOf(hall) * 1000),
                  )
                  .sort(callingOrder);
                if (eligible.length === 0) {
                  expect(result, step).toBeNull();
                  break;
                }
                const called = result as TicketRow;
                // The first eligible ticket at this moment, and never one another counter holds.
                expect(called.id, step).toBe(eligible[0].id);
                expect(called).toMatchObject({ status: "called", counterId: counter.id });
                sync(called);
                break;
              }
              case "call": {
                const counter = counters[cmd.counter];
                if (all.length === 0) break;
                const waiting = all.filter((m) => m.status === "waiting");
                // Mostly a waiting ticket; sometimes any ticket, which must be refused unless waiting.
                const target =
                  waiting.length && cmd.pick % 4
                    ? waiting[cmd.pick % waiting.length]
                    : all[cmd.pick % all.length];
                const result = await callTicket(db, hall, counter.id, target.id, actor, now).catch(codeOf);
                if (busy(counter.id)) expect(result, step).toBe("counter_busy");
                else if (target.status !== "waiting") expect(result, step).toBe("ticket_not_waiting");
                else if (!counter.businessTypes.includes(target.businessType))
                  expect(result, step).toBe("rule_violation");
                else {
                  expect(result, step).toMatchObject({
                    id: target.id,
                    status: "called",
                    counterId: counter.id,
                  });
                  sync(result as TicketRow);
                }
                break;
              }
              case "act": {
                if (all.length === 0) break;
                const target = all[cmd.pick % all.length];
                const input: ActionInput =
                  cmd.action === "finish"
                    ? { action: "finish", outcome: "completed" }
                    : cmd.action === "return"
                      ? { action: "return", setback: 3 }
                      : { action: cmd.action };
                const result = await applyTicketAction(db, hall, target.id, input, actor, now).catch(codeOf);
                if (!canApply(cmd.action, target.status)) {
                  expect(result, step).toBe(refusalCode(cmd.action));
                  break;
                }
                const to = {
                  recall: "called",
                  start: "serving",
                  finish: "finished",
                  no_show: "no_show",
                  return: "waiting",
                  cancel: "cancelled",
                }[cmd.action];
                expect(result, step).toMatchObject({ id: target.id, status: to });
                // A no-show or a cancel frees the counter; a finish frees it too, keeping its number on record.
                if (["no_show", "cancel"].includes(cmd.action))
                  expect((result as TicketRow).counterId).toBeNull();
                if (cmd.action === "finish") expect((result as TicketRow).counterId).toBe(target.counterId);
                sync(result as TicketRow);
                break;
              }
              case "transfer": {
                if (all.length === 0) break;
                const target = all[cmd.pick % all.length];
                const counter = counters[cmd.counter];
                const input: ActionInput = cmd.businessType
                  ? { action: "transfer", businessType: cmd.businessType }
                  : { action: "transfer", counterId: counter.id };
                const result = await applyTicketAction(db, hall, target.id, input, actor, now).catch(codeOf);
                if (!canApply("transfer", target.status))
                  expect(result, step).toBe("ticket_not_transferable");
                else if (!cmd.businessType && !counter.businessTypes.includes(target.businessType)) {
                  expect(result, step).toBe("rule_violation");
                } else {
                  const row = result as TicketRow;
                  // It keeps its place earned by the original issue time.
                  expect(row, step).toMatchObject({ status: "waiting", counterId: null });
                  expect(row.queueAt.getTime(), step).toBe(target.queueAt);
                  // To the line and counter it already has: no step at all, and none on record.
                  const same =
                    target.status === "waiting" &&
                    (cmd.businessType ?? target.businessType) === target.businessType &&
                    (cmd.businessType ? null : counter.id) === target.targetCounterId;
                  sync(row, same ? 0 : 1);
                }
                break;
              }
            }
            await checkInvariants(hall.id, model, step);
          }

          // Every change is on record: one history row per transition, the last one naming the state now.
          if (model.size === 0) return;
          const history = await db
            .select({ ticketId: ticketHistory.ticketId, toStatus: ticketHistory.toStatus })
            .from(ticketHistory)
            .where(inArray(ticketHistory.ticketId, [...model.keys()]));
          for (const m of model.values()) {
            const own = history.filter((h) => h.ticketId === m.id);
            expect(own.length).toBe(m.transitions);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "should never give one ticket to two counters calling at once, nor lose one",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ businessType: fc.constantFrom(...TYPES), vip: fc.nat(9).map((n) => n < 2) }), {
            minLength: 5,
            maxLength: 30,
          }),
          fc.array(fc.constantFrom("finish", "no_show", "cancel" as const), { minLength: 30, maxLength: 30 }),
          async (issues, endings) => {
            const { hall, counters } = await freshHall();
            const db = database.db;
            const issued = new Set<string>();
            const callsOf = new Map<string, number>();
            let ending = 0;
            // Rounds: every counter calls at once while new tickets arrive, then each ends what it called.
            for (let round = 0; round < 40; round++) {
              const arriving = issues.splice(0, 3);
              const [called, fresh] = await Promise.all([
                Promise.all(counters.map((c) => callNext(db, hall, c.id, actor))),
                Promise.all(arriving.map((i) => issueTicket(db, hall, i, actor, TZ))),
              ]);
              for (const t of fresh) issued.add(t.id);
              const got = called.filter((t): t is TicketRow => t !== null);
              expect(new Set(got.map((t) => t.id)).size).toBe(got.length);
              for (const t of got) callsOf.set(t.id, (callsOf.get(t.id) ?? 0) + 1);
              await Promise.all(
                got.map((t) => {
                  const how = endings[ending++ % endings.length];
                  const input: ActionInput =
                    how === "finish" ? { action: "finish", outcome: "completed" } : { action: how };
                  if (how !== "finish") return applyTicketAction(db, hall, t.id, input, actor);
                  return applyTicketAction(db, hall, t.id, { action: "start" }, actor).then(() =>
                    applyTicketAction(db, hall, t.id, input, actor),
                  );
                }),
              );
              if (issues.length === 0 && got.length === 0) break;
            }
            const rows = await rowsOf(hall.id);
            expect(rows.map((r) => r.id).sort()).toEqual([...issued].sort());
            for (const r of rows) {
              // Nothing a counter serves is still waiting, and nothing was called twice.
              expect(["finished", "no_show", "cancelled"]).toContain(r.status);
              expect(callsOf.get(r.id)).toBe(1);
            }
          },
        ),
        { numRuns: Math.ceil(RUNS / 5) },
      );
    },
    TIMEOUT,
  );
});
