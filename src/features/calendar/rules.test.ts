import { describe, expect, it } from "vitest";
import {
  ALWAYS,
  addWorkingDays,
  addWorkingMs,
  hoursMs,
  isWorkingDay,
  type WorkCalendar,
  workingMsBetween,
} from "../../core/calendar.js";
import { shippedExceptions } from "./arrangements.js";
import { clockDueAt, clockElapsedMs, runningIntervals } from "./rules.js";

const TZ = "Asia/Shanghai";
const china: WorkCalendar = { exceptions: shippedExceptions(), hours: null };
const at = (iso: string) => new Date(iso);

describe("R-CMP-SLA: n working days on the Chinese calendar with 调休", () => {
  it("should count the make-up Sunday 2025-09-28 as a working day and skip the weekend around it", () => {
    expect(isWorkingDay(china, "2025-09-27")).toBe(false); // Saturday
    expect(isWorkingDay(china, "2025-09-28")).toBe(true); // Sunday, 国庆节调休上班
    expect(isWorkingDay(china, "2025-10-01")).toBe(false);
    expect(isWorkingDay(china, "2025-10-08")).toBe(false);
    expect(isWorkingDay(china, "2025-10-11")).toBe(true); // Saturday, 调休上班
  });

  it("should make a 2-working-day callback of Friday 2025-09-26 17:00 due at the end of Monday 9/29", () => {
    // Day 1 is the make-up Sunday 9/28, day 2 Monday 9/29; due 24:00 local = 2025-09-29T16:00Z.
    const due = addWorkingDays(china, at("2025-09-26T17:00:00+08:00"), 2, TZ);
    expect(due.toISOString()).toBe("2025-09-29T16:00:00.000Z");
  });

  it("should carry a limit of Friday 2025-09-26 across the whole National Day holiday", () => {
    // 9/28, 9/29, 9/30 are days 1–3; 10/1–10/8 are off; Thursday 10/9 is day 4, Friday 10/10 day 5.
    expect(addWorkingDays(china, at("2025-09-26T17:00:00+08:00"), 4, TZ).toISOString()).toBe(
      "2025-10-09T16:00:00.000Z",
    );
    // Resolved on the eve of the holiday: 10/9 and 10/10 are the two working days.
    expect(addWorkingDays(china, at("2025-09-30T17:00:00+08:00"), 2, TZ).toISOString()).toBe(
      "2025-10-10T16:00:00.000Z",
    );
    // The make-up Saturday 10/11 is a working day.
    expect(addWorkingDays(china, at("2025-10-10T09:00:00+08:00"), 1, TZ).toISOString()).toBe(
      "2025-10-11T16:00:00.000Z",
    );
  });

  it("should skip 春节 2026 and count its make-up Saturdays", () => {
    // Friday 2026-02-13: Saturday 2/14 is a make-up day (1), 2/15–2/23 off, 2/24 is day 2.
    expect(addWorkingDays(china, at("2026-02-13T10:00:00+08:00"), 2, TZ).toISOString()).toBe(
      "2026-02-24T16:00:00.000Z",
    );
  });

  it("should make a 48-hour first reply received at 23:30 local due two days later at 23:30 local", () => {
    const received = at("2025-03-03T23:30:00+08:00");
    const due = addWorkingMs(ALWAYS, received, hoursMs(48), TZ);
    expect(due.toISOString()).toBe("2025-03-05T15:30:00.000Z"); // 2025-03-05 23:30 in Shanghai
  });
});

describe("split working hours and clocks derived from the state history", () => {
  // 09:00–12:00 and 13:30–17:30 on working days.
  const office: WorkCalendar = {
    exceptions: shippedExceptions(),
    hours: [
      [540, 720],
      [810, 1050],
    ],
  };

  it("should leave out the lunch break, nights and holidays", () => {
    expect(
      workingMsBetween(office, at("2025-09-29T11:00:00+08:00"), at("2025-09-29T14:30:00+08:00"), TZ),
    ).toBe(hoursMs(2));
    // 8 working hours: Tuesday 9/30 13:30–17:30 is 4 h, then 10/1–10/8 are off, Thursday 10/9 09:00–12:00 + 1 h.
    expect(addWorkingMs(office, at("2025-09-30T13:00:00+08:00"), hoursMs(8), TZ).toISOString()).toBe(
      "2025-10-09T06:30:00.000Z",
    );
  });

  const start = at("2025-03-03T10:00:00+08:00");
  const history = [
    { state: "received", at: start },
    { state: "waiting_customer", at: at("2025-03-03T12:00:00+08:00") },
    { state: "received", at: at("2025-03-04T12:00:00+08:00") },
  ];

  it("should stop the clock while waiting on the customer and move the due time by the pause", () => {
    expect(
      clockElapsedMs(ALWAYS, history, ["waiting_customer"], start, at("2025-03-04T13:00:00+08:00"), TZ),
    ).toBe(hoursMs(3));
    expect(clockDueAt(ALWAYS, history, ["waiting_customer"], start, hoursMs(48), TZ)?.toISOString()).toBe(
      "2025-03-06T02:00:00.000Z", // 48 h + the 24 h pause after 10:00 on 3/3
    );
    expect(clockDueAt(ALWAYS, history.slice(0, 2), ["waiting_customer"], start, hoursMs(48), TZ)).toBeNull();
  });

  it("should neither lose nor double-count time when the complaint is reopened or recategorised", () => {
    const reopened = [
      ...history,
      { state: "received", at: at("2025-03-04T14:00:00+08:00") }, // a category change: same state again
      { state: "closed", at: at("2025-03-04T16:00:00+08:00") },
      { state: "reopened", at: at("2025-03-05T16:00:00+08:00") },
    ];
    const stopped = ["waiting_customer", "closed"];
    // 2 h + 4 h before closing, then 1 h after reopening.
    expect(clockElapsedMs(ALWAYS, reopened, stopped, start, at("2025-03-05T17:00:00+08:00"), TZ)).toBe(
      hoursMs(7),
    );
    expect(runningIntervals(reopened, stopped, start)).toHaveLength(3);
  });
});
