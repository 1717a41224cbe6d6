import { describe, expect, it } from "vitest";
import type { WorkCalendar } from "../../core/calendar.js";
import { dayKind, mape, meanOf, referenceDays } from "./forecast-rules.js";
import type { DayRequirement } from "./roster-contract.js";
import { checkRules, hasSkill, type RosterStaff, VIP_SKILL } from "./roster-rules.js";
import { solveRoster } from "./roster-solve.js";

const person = (id: string, extra: Partial<RosterStaff> = {}): RosterStaff => ({
  id,
  name: id,
  skills: [],
  contractMinutesPerWeek: 40 * 60,
  availability: [],
  absentDates: new Set(),
  ...extra,
});
const day = (
  date: string,
  counters: number[],
  types: string[][] = counters.map(() => []),
): DayRequirement => ({
  date,
  opensAt: 9 * 60,
  counters,
  arrivalsPerHour: counters.map((c) => c * 10),
  meanServiceSeconds: 300,
  typesByInterval: types,
});
const early = { id: "early", startMinute: 9 * 60, lengthMinutes: 240 };
const late = { id: "late", startMinute: 13 * 60, lengthMinutes: 240 };
const long = { id: "long", startMinute: 9 * 60, lengthMinutes: 480 };

describe("the roster optimiser", () => {
  it("should cover a day with one early and one late shift when that is least", async () => {
    const r = await solveRoster({
      staff: [person("a"), person("b")],
      days: [day("2026-12-07", [...Array(8).fill(1), ...Array(8).fill(1)])],
      templates: [early, late, long],
      minRestMinutes: 660,
    });
    expect(r.staffMinutes).toBe(480);
    expect(r.lowerBoundMinutes).toBe(480);
    expect(r.shifts).toHaveLength(1);
    expect(r.optimal).toBe(true);
  });

  it("should keep a person off a day of leave and within contract", async () => {
    const staff = [
      person("a", { absentDates: new Set(["2026-12-07"]) }),
      person("b", { contractMinutesPerWeek: 240 }),
    ];
    const r = await solveRoster({
      staff,
      days: [day("2026-12-07", Array(8).fill(1)), day("2026-12-08", Array(8).fill(1))],
      templates: [early],
      minRestMinutes: 660,
    });
    expect(r.shifts.find((s) => s.staffId === "a" && s.date === "2026-12-07")).toBeUndefined();
    expect(r.shifts.filter((s) => s.staffId === "b")).toHaveLength(1);
    expect(
      checkRules(
        staff,
        [day("2026-12-07", Array(8).fill(1)), day("2026-12-08", Array(8).fill(1))],
        r.shifts,
        660,
      ),
    ).toEqual([]);
  });

  it("should put the skilled person on when a business type is forecast", async () => {
    const r = await solveRoster({
      staff: [person("a", { skills: ["payment"] }), person("b", { skills: ["broadband"] })],
      days: [day("2026-12-07", Array(8).fill(1), Array(8).fill(["broadband"]))],
      templates: [early],
      minRestMinutes: 660,
    });
    expect(r.shifts.map((s) => s.staffId)).toEqual(["b"]);
  });

  it("should keep someone who may serve VIPs on duty in a hall with a VIP counter", async () => {
    // Two all-round clerks and one VIP-qualified one, one counter all day: the VIP clerk is the one on.
    const staff = [person("a"), person("b"), person("v", { vip: true })];
    const vipDay = day("2026-12-07", Array(8).fill(1), Array(8).fill([VIP_SKILL]));
    const r = await solveRoster({ staff, days: [vipDay], templates: [early], minRestMinutes: 660 });
    expect(r.shifts.map((s) => s.staffId)).toEqual(["v"]);
    // And a roster without them breaks the rule, by name of the day.
    const without = checkRules(
      staff,
      [vipDay],
      [
        {
          staffId: "a",
          date: "2026-12-07",
          startMinute: early.startMinute,
          lengthMinutes: early.lengthMinutes,
        },
      ],
      660,
    );
    expect(without.map((v) => v.kind)).toContain("skill");
    // An all-round clerk (no skills listed) serves every business type, but not VIPs.
    expect(hasSkill(person("a"), "payment")).toBe(true);
    expect(hasSkill(person("a"), VIP_SKILL)).toBe(false);
    expect(hasSkill(person("v", { vip: true }), VIP_SKILL)).toBe(true);
  });

  it("should roster a person only inside their availability", async () => {
    const staff = [
      person("a", { availability: [{ weekday: 1, from: "13:00", to: "19:00" }] }),
      person("b", { contractMinutesPerWeek: 60 }),
    ];
    const r = await solveRoster({
      staff,
      days: [day("2026-12-07", Array(16).fill(1))],
      templates: [early, late],
      minRestMinutes: 660,
    });
    expect(r.shifts.filter((s) => s.staffId === "a").map((s) => s.startMinute)).toEqual([13 * 60]);
    expect(r.shifts.filter((s) => s.staffId === "b")).toHaveLength(0);
  });

  it("should name a rest shorter than the minimum", () => {
    const staff = [person("a")];
    const days = [day("2026-12-07", []), day("2026-12-08", [])];
    const v = checkRules(
      staff,
      days,
      [
        { staffId: "a", date: "2026-12-07", startMinute: 14 * 60, lengthMinutes: 8 * 60 },
        { staffId: "a", date: "2026-12-08", startMinute: 8 * 60, lengthMinutes: 4 * 60 },
      ],
      660,
    );
    expect(v.map((x) => x.kind)).toEqual(["rest"]);
  });
});

describe("the forecast", () => {
  const cal: WorkCalendar = {
    exceptions: new Map([
      ["2026-10-01", { working: false, name: "国庆节" }],
      ["2026-10-02", { working: false, name: "国庆节" }],
      ["2026-10-10", { working: true, name: "国庆节调休" }],
    ]),
    hours: null,
  };

  it("should tell holidays, 调休 days, eves and days after apart", () => {
    expect(dayKind(cal, "2026-10-01")).toBe("holiday");
    expect(dayKind(cal, "2026-10-10")).toBe("makeup");
    expect(dayKind(cal, "2026-09-30")).toBe("eve");
    expect(dayKind(cal, "2026-10-03")).toBe("after");
    expect(dayKind(cal, "2026-10-13")).toBe("normal");
  });

  it("should forecast a Tuesday from recent normal Tuesdays with tickets", () => {
    const days = new Set([
      "2026-10-06",
      "2026-09-29",
      "2026-09-22",
      "2026-09-15",
      "2026-09-08",
      "2026-10-07",
    ]);
    expect(referenceDays(cal, "2026-10-13", days)).toEqual([
      "2026-10-06",
      "2026-09-29",
      "2026-09-22",
      "2026-09-15",
    ]);
  });

  it("should average each half hour over the reference days and score MAPE", () => {
    const cells = meanOf(
      [
        { date: "a", startMinute: 540, businessType: "payment", arrivals: 4 },
        { date: "b", startMinute: 540, businessType: "payment", arrivals: 8 },
      ],
      ["a", "b"],
    );
    expect(cells.get(540)?.get("payment")).toBe(6);
    expect(
      mape([
        { forecast: 6, actual: 8 },
        { forecast: 3, actual: 0 },
        { forecast: 5, actual: 4 },
      ]),
    ).toBeCloseTo(0.25);
  });
});
