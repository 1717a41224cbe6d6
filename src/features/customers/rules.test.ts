import { describe, expect, it } from "vitest";
import { addWorkingDays, type WorkCalendar } from "../../core/calendar.js";
import { shippedExceptions } from "../calendar/arrangements.js";
import { newMoonNear } from "../care/moon.js";
import { birthdayIn, festivalsBetween } from "../care/rules.js";
import { planVisit, stageAllowed, visitDeadlines, weekStart } from "../field-visits/rules.js";
import { orderMismatches } from "../service-orders/rules.js";
import { cadenceFor, DEFAULT_CADENCE, dueDatesAfterVisit, initialDueDates, overdueKinds } from "./rules.js";

const tz = "Asia/Shanghai";
const at = (s: string) => new Date(s);
const key = cadenceFor(DEFAULT_CADENCE, "key");
const household = cadenceFor(DEFAULT_CADENCE, "household");
const calendar: WorkCalendar = { exceptions: shippedExceptions(), hours: null };
const workingDays = async (from: Date, days: number) => addWorkingDays(calendar, from, days, tz);

describe("visit cadence (R-VISITPLAN)", () => {
  it("should make a new key customer due in person in 15 days and by phone in 7", () => {
    const d = initialDueDates(key, at("2025-03-01T02:00:00Z"));
    expect(d.nextInPersonVisitDueAt?.toISOString()).toBe("2025-03-16T02:00:00.000Z");
    expect(d.nextPhoneVisitDueAt?.toISOString()).toBe("2025-03-08T02:00:00.000Z");
  });

  it("should give households no due date (as needed)", () => {
    expect(initialDueDates(household, at("2025-03-01T02:00:00Z"))).toEqual({
      nextInPersonVisitDueAt: null,
      nextPhoneVisitDueAt: null,
    });
  });

  const fresh = (created: string) => ({
    ...initialDueDates(key, at(created)),
    lastInPersonVisitAt: null,
    lastPhoneVisitAt: null,
  });

  it("should move the in-person date half a month after an in-person visit, and the phone date a week", () => {
    const d = dueDatesAfterVisit(key, fresh("2025-03-01T02:00:00Z"), "in_person", at("2025-03-10T06:00:00Z"));
    expect(d.nextInPersonVisitDueAt?.toISOString()).toBe("2025-03-25T06:00:00.000Z");
    expect(d.nextPhoneVisitDueAt?.toISOString()).toBe("2025-03-17T06:00:00.000Z");
    expect(d.lastInPersonVisitAt?.toISOString()).toBe("2025-03-10T06:00:00.000Z");
  });

  it("should move only the phone date 7 days after a phone visit", () => {
    const start = fresh("2025-03-01T02:00:00Z");
    const d = dueDatesAfterVisit(key, start, "phone", at("2025-03-05T06:00:00Z"));
    expect(d.nextInPersonVisitDueAt).toEqual(start.nextInPersonVisitDueAt);
    expect(d.nextPhoneVisitDueAt?.toISOString()).toBe("2025-03-12T06:00:00.000Z");
  });

  it("should move nothing when an older visit is recorded late", () => {
    const after = dueDatesAfterVisit(
      key,
      fresh("2025-03-01T02:00:00Z"),
      "in_person",
      at("2025-03-10T06:00:00Z"),
    );
    expect(dueDatesAfterVisit(key, after, "in_person", at("2025-03-08T00:00:00Z"))).toEqual(after);
    expect(dueDatesAfterVisit(key, after, "phone", at("2025-03-08T00:00:00Z")).nextPhoneVisitDueAt).toEqual(
      after.nextPhoneVisitDueAt,
    );
  });

  it("should keep households without due dates after a visit", () => {
    const d = dueDatesAfterVisit(
      household,
      fresh("2025-03-01T02:00:00Z"),
      "in_person",
      at("2025-03-10T06:00:00Z"),
    );
    expect(d.nextInPersonVisitDueAt).toBeNull();
    expect(d.nextPhoneVisitDueAt).toBeNull();
  });

  it("should list the kinds overdue", () => {
    const d = {
      nextInPersonVisitDueAt: at("2025-03-10T00:00:00Z"),
      nextPhoneVisitDueAt: at("2025-03-20T00:00:00Z"),
    };
    expect(overdueKinds(d, at("2025-03-15T00:00:00Z"))).toEqual(["in_person"]);
    expect(overdueKinds(d, at("2025-03-25T00:00:00Z"))).toEqual(["in_person", "phone"]);
  });
});

describe("appointments", () => {
  it("should warn when booked less than a day ahead and plan arrival 5 minutes early", () => {
    const p = planVisit(at("2025-03-02T02:00:00Z"), at("2025-03-01T10:00:00Z"));
    expect(p.warnings).toEqual(["less_than_one_day_ahead"]);
    expect(p.arriveBy.toISOString()).toBe("2025-03-02T01:55:00.000Z");
    expect(planVisit(at("2025-03-03T02:00:00Z"), at("2025-03-01T10:00:00Z")).warnings).toEqual([]);
    expect(planVisit(at("2025-02-28T02:00:00Z"), at("2025-03-01T10:00:00Z")).warnings).toEqual([
      "in_the_past",
    ]);
    expect(planVisit(at("2026-03-05T02:00:00Z"), at("2025-03-01T10:00:00Z")).warnings).toEqual([
      "too_far_ahead",
    ]);
  });
});

describe("visit deadlines in working days (R-VISITLOG, 调休)", () => {
  it("should give 2 working days for answers and 3 for the archive on an ordinary week", async () => {
    // Tue 2025-03-04 10:00 local → answers by end of Thu 03-06, archive by end of Fri 03-07.
    const d = await visitDeadlines(at("2025-03-04T02:00:00Z"), true, workingDays);
    expect(d.answersDueAt?.toISOString()).toBe("2025-03-06T16:00:00.000Z");
    expect(d.archiveDueAt.toISOString()).toBe("2025-03-07T16:00:00.000Z");
  });

  it("should skip National Day 2025 and count the make-up Saturday 10-11", async () => {
    // Tue 09-30: Oct 1–8 off; Thu 10-09 and Fri 10-10 work; Sat 10-11 is a 调休 working day.
    const d = await visitDeadlines(at("2025-09-30T03:00:00+08:00"), true, workingDays);
    expect(d.answersDueAt?.toISOString()).toBe("2025-10-10T16:00:00.000Z");
    expect(d.archiveDueAt.toISOString()).toBe("2025-10-11T16:00:00.000Z");
  });

  it("should skip Spring Festival 2026 and count the make-up Saturday 02-28", async () => {
    // Fri 02-13: 02-14 (Sat) is a make-up day, then 02-15–23 off, then Tue 02-24.
    const d = await visitDeadlines(at("2026-02-13T10:00:00+08:00"), true, workingDays);
    expect(d.answersDueAt?.toISOString()).toBe("2026-02-24T16:00:00.000Z");
    expect(d.archiveDueAt.toISOString()).toBe("2026-02-25T16:00:00.000Z");
  });

  it("should set no answer deadline when every question was answered on the spot", async () => {
    expect((await visitDeadlines(at("2025-03-04T02:00:00Z"), false, workingDays)).answersDueAt).toBeNull();
  });
});

describe("greeting dates (R-CARE)", () => {
  it("should put Spring Festival and Mid-Autumn on their lunar dates for 2025–2027", () => {
    const f = festivalsBetween("2025-01-01", "2027-12-31");
    const on = (o: string) => f.filter((x) => x.occasion === o).map((x) => x.date);
    expect(on("spring_festival")).toEqual(["2025-01-29", "2026-02-17", "2027-02-06"]);
    expect(on("mid_autumn")).toEqual(["2025-10-06", "2026-09-25", "2027-09-15"]);
    expect(on("new_year")).toEqual(["2025-01-01", "2026-01-01", "2027-01-01"]);
  });

  it("should correct ICU's 2027 new year with the precise new moon (15:56 UTC on 02-06 = 23:56 in Beijing)", () => {
    expect(newMoonNear(at("2027-02-06T00:00:00Z")).toISOString().slice(0, 16)).toBe("2027-02-06T15:56");
    const f = festivalsBetween("2020-01-01", "2035-12-31").filter((x) => x.occasion === "spring_festival");
    expect(f.map((x) => x.date.slice(5))).toEqual(
      [
        "01-25",
        "02-12",
        "02-01",
        "01-22",
        "02-10",
        "01-29",
        "02-17",
        "02-06",
        "01-26",
        "02-13",
        "02-03",
      ].concat(["01-23", "02-11", "01-31", "02-19", "02-08"]),
    );
  });

  it("should not take the leap sixth month of 2025 for the eighth", () => {
    // 2025 has 闰六月 (07-25 … 08-22); Mid-Autumn stays on 10-06.
    expect(festivalsBetween("2025-07-01", "2025-09-30")).toEqual([]);
  });

  it("should greet a 29 February birthday on the 28th in a common year", () => {
    expect(birthdayIn(2025, "02-29")).toBe("2025-02-28");
    expect(birthdayIn(2028, "02-29")).toBe("2028-02-29");
  });
});

describe("service orders, opportunities, weeks", () => {
  it("should flag name, address and type that differ from the order", () => {
    const order = { orderName: "张三", orderAddress: "新丰村3组12号", orderTier: "household" as const };
    expect(orderMismatches(order, { name: "张 三", address: "新丰村3组12号", tier: "household" })).toEqual(
      [],
    );
    expect(orderMismatches(order, { name: "张四", address: "新丰村4组", tier: "key" })).toEqual([
      "name",
      "address",
      "tier",
    ]);
  });

  it("should move opportunities forward only, with lost from any open stage", () => {
    expect(stageAllowed("new", "proposal")).toBe(true);
    expect(stageAllowed("proposal", "qualified")).toBe(false);
    expect(stageAllowed("negotiation", "lost")).toBe(true);
    expect(stageAllowed("won", "lost")).toBe(false);
  });

  it("should start weeks on Monday", () => {
    expect(weekStart("2025-03-05")).toBe("2025-03-03");
    expect(weekStart("2025-03-09")).toBe("2025-03-03");
    expect(weekStart("2025-03-03")).toBe("2025-03-03");
  });
});
