import { describe, expect, it } from "vitest";
import { faultAllowedActions, faultPatchFor, faultRefusal } from "./rules.js";

describe("faults: refusals by state, and what a caller may do", () => {
  it("should name why a step is refused in each state", () => {
    expect(faultRefusal("closed", "progress")).toBe("fault_closed");
    expect(faultRefusal("reported", "report")).toBe("fault_already_reported");
    expect(faultRefusal("repaired", "repaired")).toBe("fault_already_repaired");
    expect(faultRefusal("confirmed", "progress")).toBe("fault_already_confirmed");
    expect(faultRefusal("reported", "confirm")).toBe("fault_not_repaired");
    expect(faultRefusal("repaired", "callback")).toBe("fault_not_confirmed");
    expect(faultRefusal("recorded", "report")).toBeNull();
  });

  it("should offer the agent who took it, or a manager, the steps its state allows", () => {
    const agent = { userId: "a1", mayRecord: true, mayManage: false };
    const manager = { userId: "m1", mayRecord: true, mayManage: true };
    const f = { state: "recorded" as const, ownerId: "a1" };
    expect(faultAllowedActions(f, agent)).toEqual(["report", "progress", "repaired"]);
    expect(faultAllowedActions({ ...f, state: "repaired" }, manager)).toEqual(["progress", "confirm"]);
    expect(faultAllowedActions(f, { ...agent, userId: "a2" })).toEqual([]);
    expect(faultAllowedActions({ ...f, state: "closed" }, agent)).toEqual([]);
  });
});

describe("what a fault action changes (faultPatchFor)", () => {
  const now = new Date("2026-12-02T03:00:00Z");
  const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
  const f = {
    reportDueAt: minutes(-1),
    progressDueAt: minutes(10),
    progressContactedAt: null,
    repairDueAt: minutes(60),
  };

  it("should flag a report after its 5 minutes and keep its reference", () => {
    expect(faultPatchFor(f, { action: "report", input: { reference: "10000-88" } }, now)).toEqual({
      patch: { reportedAt: now, reportReference: "10000-88", reportLate: true },
      note: null,
    });
    expect(
      faultPatchFor({ ...f, reportDueAt: minutes(1) }, { action: "report", input: null }, now).patch,
    ).toEqual({
      reportedAt: now,
      reportReference: null,
      reportLate: false,
    });
  });

  it("should keep the first contact's time and flag it late only when it came after its deadline", () => {
    const input = { note: "已告知", channel: "phone" as const };
    expect(faultPatchFor(f, { action: "progress", input }, now).patch).toEqual({ progressContactedAt: now });
    expect(
      faultPatchFor({ ...f, progressDueAt: minutes(-5) }, { action: "progress", input }, now).patch,
    ).toEqual({
      progressContactedAt: now,
      progressLate: true,
    });
    const first = minutes(-30);
    expect(
      faultPatchFor(
        { ...f, progressDueAt: minutes(-5), progressContactedAt: first },
        { action: "progress", input },
        now,
      ).patch,
    ).toEqual({ progressContactedAt: first });
  });

  it("should breach a repair after its deadline, and record who confirmed and the callback", () => {
    expect(
      faultPatchFor({ ...f, repairDueAt: minutes(-1) }, { action: "repaired", input: null }, now).patch,
    ).toEqual({
      repairedAt: now,
      repairBreached: true,
    });
    expect(
      faultPatchFor(f, { action: "confirm", input: { confirmedBy: "王女士", method: "phone" } }, now),
    ).toEqual({
      patch: { confirmedAt: now, confirmedBy: "王女士", confirmMethod: "phone" },
      note: "王女士 (phone)",
    });
    expect(
      faultPatchFor(
        f,
        { action: "callback", input: { satisfaction: "dissatisfied", note: "修了两次" } },
        now,
      ),
    ).toEqual({
      patch: { satisfaction: "dissatisfied", callbackNote: "修了两次", closedAt: now },
      note: "dissatisfied: 修了两次",
    });
  });
});
