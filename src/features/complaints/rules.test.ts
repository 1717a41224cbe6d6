import { describe, expect, it } from "vitest";
import type { Role } from "../../core/access.js";
import type { WorkCalendar } from "../../core/calendar.js";
import { shippedExceptions } from "../calendar/arrangements.js";
import { type ClockFacts, currentClock } from "./clocks.js";
import { appealEligibility, DEFAULT_LIMITS, handOverGroup, nextLevel } from "./rules.js";

const TZ = "Asia/Shanghai";
const cal: WorkCalendar = { exceptions: shippedExceptions(), hours: null };
const at = (s: string) => new Date(s);
const facts = (over: Partial<ClockFacts>): ClockFacts => ({
  kind: "complaint",
  state: "received",
  receivedAt: at("2025-09-26T17:00:00+08:00"),
  firstRepliedAt: null,
  firstReplyDueAt: null,
  lastContactAt: null,
  resolvedAt: null,
  materialsCompleteAt: null,
  ...over,
});
const history = (f: ClockFacts, ...more: { state: string; at: Date }[]) => [
  { state: "received", at: f.receivedAt },
  ...more,
];

describe("R-CMP-SLA: the running clock of a complaint", () => {
  it("should give a first reply 48 h after receipt, warning at 80 %, across midnight", () => {
    const f = facts({});
    const c = currentClock(f, history(f), DEFAULT_LIMITS, cal, TZ);
    expect(c.dueKind).toBe("first_reply");
    expect(c.dueAt?.toISOString()).toBe("2025-09-28T09:00:00.000Z"); // Sunday 17:00 local
    expect(c.warnAt?.toISOString()).toBe("2025-09-27T23:24:00.000Z"); // 38.4 h after 09:00Z
  });

  it("should make the callback of a complaint resolved Friday 2025-09-26 17:00 due at the end of Monday 9/29", () => {
    const f = facts({
      state: "resolved",
      firstRepliedAt: at("2025-09-26T16:00:00Z"),
      resolvedAt: at("2025-09-26T17:00:00+08:00"),
    });
    const c = currentClock(
      f,
      history(f, { state: "replied", at: f.firstRepliedAt! }, { state: "resolved", at: f.resolvedAt! }),
      DEFAULT_LIMITS,
      cal,
      TZ,
    );
    expect(c).toMatchObject({ dueKind: "callback" });
    expect(c.dueAt?.toISOString()).toBe("2025-09-29T16:00:00.000Z");
    expect(c.callbackDueAt?.toISOString()).toBe("2025-09-29T16:00:00.000Z");
  });

  it("should count only office hours (lunch break, holidays) for a category limited in working hours", () => {
    const f = facts({ receivedAt: at("2025-09-30T13:00:00+08:00") });
    const limits = { ...DEFAULT_LIMITS, firstReplyHours: 8, workingHoursOnly: true };
    const c = currentClock(f, history(f), limits, cal, TZ);
    // 9/30 13:30–18:00 is 4.5 h; 10/1–10/8 are off; 10/9 09:00–12:00 is 3 h, then 30 min after lunch.
    expect(c.dueAt?.toISOString()).toBe("2025-10-09T06:00:00.000Z");
  });

  it("should stand still while waiting on the customer, and count progress from the last contact", () => {
    const f = facts({ state: "waiting_customer" });
    expect(
      currentClock(
        f,
        history(f, { state: "waiting_customer", at: at("2025-09-27T09:00:00+08:00") }),
        DEFAULT_LIMITS,
        cal,
        TZ,
      ),
    ).toMatchObject({ dueKind: "first_reply", dueAt: null, warnAt: null });
    const replied = facts({
      state: "work_order",
      firstRepliedAt: at("2025-09-27T01:00:00Z"),
      lastContactAt: at("2025-09-28T01:00:00Z"),
    });
    const c = currentClock(
      replied,
      history(replied, { state: "work_order", at: at("2025-09-26T10:00:00Z") }),
      DEFAULT_LIMITS,
      cal,
      TZ,
    );
    expect(c).toMatchObject({ dueKind: "progress" });
    expect(c.dueAt?.toISOString()).toBe("2025-09-30T01:00:00.000Z");
  });

  it("should give an appeal its acceptance decision in 5 working days and its reply 30 days after complete materials", () => {
    const f = facts({ kind: "appeal" });
    // Friday 9/26: 9/28, 9/29, 9/30, then 10/9 and 10/10 after National Day.
    expect(currentClock(f, history(f), DEFAULT_LIMITS, cal, TZ).dueAt?.toISOString()).toBe(
      "2025-10-10T16:00:00.000Z",
    );
    const accepted = facts({
      kind: "appeal",
      state: "accepted",
      materialsCompleteAt: at("2025-10-09T02:00:00Z"),
    });
    const c = currentClock(
      accepted,
      history(accepted, { state: "accepted", at: at("2025-10-09T02:00:00Z") }),
      DEFAULT_LIMITS,
      cal,
      TZ,
    );
    expect(c).toMatchObject({ dueKind: "appeal_reply" });
    expect(c.dueAt?.toISOString()).toBe("2025-11-08T02:00:00.000Z");
  });
});

describe("申诉 eligibility and the escalation ladder", () => {
  const now = at("2025-10-01T00:00:00Z");
  it.each([
    [
      "no answer after 16 days",
      { priorComplaintAt: at("2025-09-15T00:00:00Z"), priorOutcome: "no_answer" as const },
      true,
    ],
    [
      "no answer after 10 days: too early",
      { priorComplaintAt: at("2025-09-21T00:00:00Z"), priorOutcome: "no_answer" as const },
      false,
    ],
    [
      "dissatisfied at once",
      { priorComplaintAt: at("2025-09-30T00:00:00Z"), priorOutcome: "dissatisfied" as const },
      true,
    ],
    ["no earlier complaint", {}, false],
  ])("should decide %s", (_name, ground, ok) => {
    expect(
      appealEligibility(
        { disputeKind: "other", disputeStartedAt: at("2025-09-01T00:00:00Z"), ...ground },
        now,
      ).ok,
    ).toBe(ok);
  });

  it("should refuse a fee dispute over 5 months old and any other over 2 years", () => {
    const prior = { priorComplaintAt: at("2025-09-30T00:00:00Z"), priorOutcome: "dissatisfied" as const };
    expect(
      appealEligibility({ ...prior, disputeKind: "fee", disputeStartedAt: at("2025-04-15T00:00:00Z") }, now)
        .ok,
    ).toBe(false);
    expect(
      appealEligibility({ ...prior, disputeKind: "fee", disputeStartedAt: at("2025-05-15T00:00:00Z") }, now)
        .ok,
    ).toBe(true);
    expect(
      appealEligibility({ ...prior, disputeKind: "other", disputeStartedAt: at("2023-09-15T00:00:00Z") }, now)
        .ok,
    ).toBe(false);
    expect(
      appealEligibility({ ...prior, disputeKind: "other", disputeStartedAt: at("2023-10-15T00:00:00Z") }, now)
        .ok,
    ).toBe(true);
  });

  it("should go hall manager → area manager → complaint desk, and skip the hall for a hall-less complaint", () => {
    expect([0, 1, 2, 3].map((l) => nextLevel(l, true))).toEqual([1, 2, 3, 3]);
    expect(nextLevel(0, false)).toBe(2);
  });
});

describe("who may take a complaint over (handOverGroup)", () => {
  const hall = { hallId: "h1", regionCode: "SH-PD" };
  const village = { hallId: null, regionCode: "SH-PD" };
  const u = (role: Role, hallId: string | null, regionCode: string | null) => ({
    id: "u",
    role,
    hallId,
    regionCode,
  });
  it("should put the hall's own staff first and leave out other halls and security", () => {
    expect(handOverGroup(u("counter_staff", "h1", null), hall)).toBe("hall");
    expect(handOverGroup(u("hall_manager", "h1", null), hall)).toBe("hall");
    expect(handOverGroup(u("hall_manager", "h2", null), hall)).toBeNull();
    expect(handOverGroup(u("security", "h1", null), hall)).toBeNull();
    expect(handOverGroup(u("counter_staff", "h1", null), village)).toBeNull();
  });
  it("should offer the region's area managers, then administrators, never an inspector", () => {
    expect(handOverGroup(u("area_manager", null, "SH-PD"), hall)).toBe("region");
    expect(handOverGroup(u("area_manager", null, "BJ-HD"), hall)).toBeNull();
    expect(handOverGroup(u("operator_admin", null, null), hall)).toBe("operator");
    expect(handOverGroup(u("inspector", null, null), hall)).toBeNull();
  });
  it("should give rural agents village complaints of their region only", () => {
    expect(handOverGroup(u("rural_agent", null, "SH-PD"), village)).toBe("agents");
    expect(handOverGroup(u("rural_agent", null, "SH-PD"), hall)).toBeNull();
    expect(handOverGroup(u("rural_agent", null, "BJ-HD"), village)).toBeNull();
  });
});
