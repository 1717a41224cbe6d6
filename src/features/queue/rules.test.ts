import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers.js";
import { seedEssentials } from "../../cli/seed.js";
import type { Database } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { createHall } from "../halls/mutations.js";
import { isOpenAt, mayWorkCounter, openingHoursWarnings } from "../halls/rules.js";
import type { TicketStatus } from "./contract.js";
import {
  allowedActions,
  canApply,
  countersToOpen,
  diversionModeAt,
  estimateWaitSeconds,
  peakActionsFor,
  peakLevel,
  queueRatio,
  returnPosition,
  type TicketAction,
  ticketNumber,
  UNDO_NO_SHOW_SECONDS,
  undoNoShowRefusal,
} from "./rules.js";
import { issueTicketNow as issueTicket } from "./steps/issue.js";

const TZ = "Asia/Shanghai";

describe("R-PEAK: peak level from waiting ÷ open counters", () => {
  // [waiting, open counters, expected level]
  const cases: [number, number, number][] = [
    [249, 100, 0], // ratio 2.49
    [5, 2, 1], // 2.5
    [349, 100, 1], // 3.49
    [7, 2, 2], // 3.5
    [449, 100, 2], // 4.49
    [9, 2, 3], // 4.5
    [60, 2, 3], // 30
    [3, 0, 3], // tickets wait with no counter open
    [0, 0, 0],
    [0, 6, 0],
  ];
  it.each(cases)("should give %i waiting at %i open counters level %i", (waiting, open, level) => {
    expect(peakLevel(waiting, open)).toBe(level);
  });

  it("should use a hall's own thresholds when it sets them", () => {
    expect(peakLevel(4, 2, [2, 3, 4])).toBe(1);
    expect(peakLevel(8, 2, [2, 3, 4])).toBe(3);
  });

  it("should give no ratio when no counter is open", () => {
    expect(queueRatio(5, 2)).toBe(2.5);
    expect(queueRatio(5, 0)).toBeNull();
  });

  it("should name what to do and who does it for each level, nothing at level 0", () => {
    expect(peakActionsFor(0, {})).toEqual([]);
    expect(peakActionsFor(1, {}).map((a) => a.who)).toContain("hall_manager");
    expect(peakActionsFor(3, {}).map((a) => a.who)).toContain("area_manager");
    const own = [{ action: "call the area", who: "hall_manager" }];
    expect(peakActionsFor(2, { peakActions: { "1": [], "2": own, "3": [] } })).toEqual(own);
  });
});

describe("R-TICKET: ticket numbers", () => {
  it("should write a prefix and at least three digits", () => {
    expect(ticketNumber("A", 1)).toBe("A001");
    expect(ticketNumber("B", 12)).toBe("B012");
    expect(ticketNumber("A", 999)).toBe("A999");
    expect(ticketNumber("A", 1000)).toBe("A1000");
    expect(ticketNumber("V", 3)).toBe("V003");
  });
});

describe("R-CALL: the ticket state machine", () => {
  const statuses: TicketStatus[] = [
    "waiting",
    "called",
    "serving",
    "finished",
    "no_show",
    "cancelled",
    "diverted",
  ];
  // The whole table, written out: which action may start from which state.
  const allowed: Record<TicketAction, TicketStatus[]> = {
    call: ["waiting"],
    recall: ["called"],
    start: ["called"],
    finish: ["serving"],
    no_show: ["called"],
    undo_no_show: ["no_show"],
    return: ["no_show"],
    cancel: ["waiting", "called"],
    transfer: ["waiting", "called", "serving"],
    divert: ["waiting"],
  };
  const cells = Object.entries(allowed).flatMap(([action, from]) =>
    statuses.map((s) => [action as TicketAction, s, from.includes(s)] as const),
  );
  it.each(cells)("should answer %s from %s with %s", (action, status, expected) => {
    expect(canApply(action, status)).toBe(expected);
  });

  it("should allow no action from a final state", () => {
    for (const s of ["finished", "cancelled", "diverted"] as const) {
      for (const a of Object.keys(allowed) as TicketAction[]) expect(canApply(a, s)).toBe(false);
    }
  });
});

describe("过号滞后: where a returning no-show goes", () => {
  const now = new Date("2026-11-24T03:00:00Z");
  const line = [0, 60, 120, 180, 240].map((s) => new Date(now.getTime() - 600_000 + s * 1000));

  it("should go just behind the ticket three places from the front", () => {
    const at = returnPosition(line, 3, now);
    expect(at.getTime()).toBeGreaterThan(line[2].getTime());
    expect(at.getTime()).toBeLessThan(line[3].getTime());
  });

  it("should go to the end of a short line, not first", () => {
    const at = returnPosition(line.slice(0, 2), 3, now);
    expect(at.getTime()).toBeGreaterThan(line[1].getTime());
    expect(returnPosition(line.slice(0, 3), 3, now).getTime()).toBeGreaterThan(line[2].getTime());
  });

  it("should go first with a setback of 0 and take now in an empty line", () => {
    expect(returnPosition(line, 0, now).getTime()).toBeLessThan(line[0].getTime());
    expect(returnPosition([], 3, now)).toEqual(now);
  });
});

describe("estimated wait", () => {
  it("should share the people ahead among the counters that serve the type", () => {
    expect(estimateWaitSeconds(4, 126, 2)).toBe(252);
    expect(estimateWaitSeconds(4, 126, 0)).toBe(504);
    expect(estimateWaitSeconds(0, 126, 2)).toBe(0);
  });
});

describe("R-HALL: opening hours", () => {
  it("should accept 10 continuous hours without a warning", () => {
    expect(
      openingHoursWarnings([{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "19:00" }]),
    ).toEqual([]);
    expect(
      openingHoursWarnings([{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }]),
    ).toEqual([]);
  });

  it("should warn about days shorter than 10 continuous hours", () => {
    const w = openingHoursWarnings([
      { weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "19:00" },
      { weekdays: [6, 7], open: "09:00", close: "18:59" },
    ]);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain("6,7");
  });

  it("should warn about weekdays with no hours at all", () => {
    const w = openingHoursWarnings([{ weekdays: [1, 2, 3, 4, 5], open: "08:00", close: "20:00" }]);
    expect(w).toEqual([expect.stringContaining("6, 7")]);
  });

  it("should read the hours in Asia/Shanghai, not UTC", () => {
    const hours = [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "19:00" }];
    // 2026-11-24 is a Tuesday; Shanghai is UTC+8.
    expect(isOpenAt(hours, new Date("2026-11-24T00:59:59Z"), TZ)).toBe(false); // 08:59:59
    expect(isOpenAt(hours, new Date("2026-11-24T01:00:00Z"), TZ)).toBe(true); // 09:00
    expect(isOpenAt(hours, new Date("2026-11-24T10:59:59Z"), TZ)).toBe(true); // 18:59:59
    expect(isOpenAt(hours, new Date("2026-11-24T11:00:00Z"), TZ)).toBe(false); // 19:00
    // Weekends have no hours here: closed all day.
    expect(isOpenAt(hours, new Date("2026-11-27T02:00:00Z"), TZ)).toBe(true); // Fri 10:00
    expect(isOpenAt(hours, new Date("2026-11-28T02:00:00Z"), TZ)).toBe(false); // Sat 10:00
  });

  it("should keep a hall open until midnight with a close of 24:00", () => {
    const hours = [{ weekdays: [2], open: "00:00", close: "24:00" }];
    expect(isOpenAt(hours, new Date("2026-11-24T15:59:59Z"), TZ)).toBe(true); // Tue 23:59:59
    expect(isOpenAt(hours, new Date("2026-11-24T16:00:00Z"), TZ)).toBe(false); // Wed 00:00
  });
});

describe("R-TICKET: daily numbering in the hall's time zone", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let hall: Hall;
  const actor = { userId: null };

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    await seedEssentials(database.db, "operator-test-password");
    hall = await createHall(database.db, {
      name: "编号厅",
      type: "self_run",
      regionCode: "T-NUM",
      openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
    });
  });
  afterAll(() => drop());

  const issue = (at: string, businessType = "payment", vip = false, h = hall) =>
    issueTicket(database.db, h, { businessType, vip }, actor, TZ, new Date(at));

  it("should restart at 001 at local midnight, not at UTC midnight", async () => {
    expect(localParts(new Date("2026-11-24T15:59:59Z"), TZ)).toMatchObject({
      date: "2026-11-24",
      minutes: 23 * 60 + 59,
    });
    const last = await issue("2026-11-24T15:59:58Z");
    const lastOfDay = await issue("2026-11-24T15:59:59Z"); // 23:59:59 in Shanghai
    const first = await issue("2026-11-24T16:00:00Z"); // 00:00:00 the next day
    expect([last.number, lastOfDay.number, first.number]).toEqual(["A001", "A002", "A001"]);
    expect(lastOfDay.serviceDate).toBe("2026-11-24");
    expect(first.serviceDate).toBe("2026-11-25");
    // UTC midnight is 08:00 in Shanghai: the same local day, so numbering carries on.
    const before = await issue("2026-11-25T23:59:59Z");
    const after = await issue("2026-11-26T00:00:01Z");
    expect([before.number, after.number]).toEqual(["A001", "A002"]);
  });

  it("should number each prefix on its own, VIP tickets with V whatever their type", async () => {
    const day = "2026-12-01T02:00:00Z";
    const a = await issue(day, "payment");
    const b = await issue(day, "change");
    const v1 = await issue(day, "payment", true);
    const v2 = await issue(day, "change", true);
    const a2 = await issue(day, "payment");
    expect([a.number, b.number, v1.number, v2.number, a2.number]).toEqual([
      "A001",
      "B001",
      "V001",
      "V002",
      "A002",
    ]);
  });

  it("should number each hall on its own", async () => {
    const other = await createHall(database.db, {
      name: "编号二厅",
      type: "self_run",
      regionCode: "T-NUM",
      openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
    });
    const day = "2026-12-02T02:00:00Z";
    expect((await issue(day)).number).toBe("A001");
    expect((await issue(day, "payment", false, other)).number).toBe("A001");
    expect((await issue(day)).number).toBe("A002");
  });

  it("should go past A999 to A1000", async () => {
    const day = "2026-12-03T02:00:00Z";
    // Fast-forward the day's counter instead of issuing 998 tickets.
    await issue(day);
    await database.db.execute(
      sql`UPDATE ticket_sequences SET last = 998 WHERE hall_id = ${hall.id} AND service_date = '2026-12-03' AND prefix = 'A'`,
    );
    expect((await issue(day)).number).toBe("A999");
    expect((await issue(day)).number).toBe("A1000");
  });

  it("should refuse a ticket outside the hall's opening hours in local time", async () => {
    const weekdays = await createHall(database.db, {
      name: "工作日厅",
      type: "self_run",
      regionCode: "T-NUM",
      openingHours: [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "19:00" }],
    });
    const err = await issue("2026-11-24T00:59:59Z", "payment", false, weekdays).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("hall_closed");
    expect((await issue("2026-11-24T01:00:00Z", "payment", false, weekdays)).number).toBe("A001");
    expect(
      await issue("2026-11-24T11:00:00Z", "payment", false, weekdays).catch((e: AppError) => e.code),
    ).toBe("hall_closed");
  });
});

describe("allowedActions: what a caller may do with a ticket, from the one state machine", () => {
  const everything = () => true;
  // The floor's people hold ticket.floor and ticket.divert (core/access.ts); security ticket.divert alone.
  const floorOnly = (c: string) => c === "ticket.floor" || c === "ticket.divert";
  const securityOnly = (c: string) => c === "ticket.divert";
  const counterOnly = (c: string) => c === "counter.operate";
  const now = new Date("2026-11-24T03:00:00Z");
  const mark = { at: new Date(now.getTime() - 30_000), actorId: "u1", counterId: "c1" };

  it("should offer the floor return, cancel, move and reprint — never a counter's step", () => {
    expect(allowedActions({ status: "waiting" }, floorOnly, null)).toEqual([
      "cancel",
      "transfer",
      "divert",
      "reprint",
    ]);
    expect(allowedActions({ status: "no_show" }, floorOnly, { mark, userId: "u1", now })).toEqual(["return"]);
    expect(allowedActions({ status: "called" }, floorOnly, null)).toEqual(["cancel", "transfer"]);
  });

  it("should offer security the diversion of a waiting ticket and nothing else", () => {
    expect(allowedActions({ status: "waiting" }, securityOnly, null)).toEqual(["divert"]);
    expect(allowedActions({ status: "called" }, securityOnly, null)).toEqual([]);
  });

  it("should offer a counter its steps by state, with the API's names", () => {
    expect(allowedActions({ status: "called" }, counterOnly, null)).toEqual(["recall", "start", "no-show"]);
    expect(allowedActions({ status: "serving" }, counterOnly, null)).toEqual(["finish"]);
    expect(allowedActions({ status: "waiting" }, counterOnly, null)).toEqual([]);
  });

  it("should offer undo-no-show only to whoever marked it, within the minute", () => {
    const at = (t: Date, userId: string) =>
      allowedActions({ status: "no_show" }, everything, { mark, userId, now: t });
    expect(at(now, "u1")).toEqual(["undo-no-show", "return"]);
    expect(at(now, "u2")).toEqual(["return"]);
    const late = new Date(mark.at.getTime() + (UNDO_NO_SHOW_SECONDS + 1) * 1000);
    expect(at(late, "u1")).toEqual(["return"]);
  });

  it("should offer nothing on a final ticket", () => {
    for (const status of ["finished", "cancelled", "diverted"] as const)
      expect(allowedActions({ status }, everything, null)).toEqual([]);
  });

  it("should say why a no-show may not be taken back", () => {
    expect(undoNoShowRefusal(mark, "u1", now)).toBeNull();
    expect(undoNoShowRefusal(mark, "u2", now)?.code).toBe("forbidden");
    expect(undoNoShowRefusal(null, "u1", now)?.code).toBe("no_show_not_undoable");
    expect(undoNoShowRefusal(mark, "u1", new Date(now.getTime() + 31_000))?.code).toBe("undo_window_passed");
  });
});

describe("台席归属: who may work a counter", () => {
  it("should let the holder, a manager, or anyone at an unheld counter act — nobody else", () => {
    expect(mayWorkCounter("a", { userId: "a" })).toBe(true);
    expect(mayWorkCounter("a", { userId: "b" })).toBe(false);
    expect(mayWorkCounter("a", { userId: "b", supervisor: true })).toBe(true);
    expect(mayWorkCounter(null, { userId: "b" })).toBe(true);
    expect(mayWorkCounter("a", { userId: null })).toBe(false);
  });
});

describe("R-PEAK level 2: counters to open and forced diversion", () => {
  const base = { open: 2, closed: 4, level1Ratio: 2.5 };
  const line = (waiting: number, handlingSeconds: number, waitLimitSeconds = 600) => ({
    waiting,
    handlingSeconds,
    waitLimitSeconds,
  });
  it("should ask for enough counters to serve the line within the waiting limit", () => {
    // 12 waiting payments at 180 s: 2,160 s of work over 600 s is 4 counters (3.6); the ratio asks 5
    // (12 / 5 = 2.4 < 2.5): 5 − 2 open = 3 more.
    expect(countersToOpen({ ...base, lines: [line(12, 180)] })).toBe(3);
    // Long business: 8 at 600 s is 8 counters by work, capped by the 4 closed ones.
    expect(countersToOpen({ ...base, lines: [line(8, 600)] })).toBe(4);
  });
  it("should hold each line to its own waiting limit", () => {
    // 6 at 200 s within 10 minutes keep 2 counters busy, and the ratio asks 3 (6 / 3 = 2 < 2.5): one more.
    expect(countersToOpen({ ...base, closed: 9, lines: [line(6, 200)] })).toBe(1);
    // Within 5 minutes (a stricter type, or the hall's override) they keep 4 busy: two more.
    expect(countersToOpen({ ...base, closed: 9, lines: [line(6, 200, 300)] })).toBe(2);
    // With 3 more at 600 s within 15 minutes (2 counters busy) the hall needs 6: four more.
    expect(countersToOpen({ ...base, closed: 9, lines: [line(6, 200, 300), line(3, 600, 900)] })).toBe(4);
  });
  it("should ask for none when the open counters suffice or nothing waits", () => {
    expect(countersToOpen({ ...base, lines: [line(4, 60)] })).toBe(0);
    expect(countersToOpen({ ...base, lines: [] })).toBe(0);
  });
  it("should force diversion from level 2 and suggest it below", () => {
    expect([0, 1, 2, 3].map(diversionModeAt)).toEqual(["suggested", "suggested", "forced", "forced"]);
  });
});
