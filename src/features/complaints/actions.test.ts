import { describe, expect, it } from "vitest";
import { type ComplaintAction, complaintAction } from "./contract.js";
import {
  type ComplaintBefore,
  type ComplaintCaller,
  type ComplaintFacts,
  complaintAllowedActions,
  decide,
  patchFor,
} from "./rules.js";
import { workOrderAllowedActions, workOrderRefusal } from "./work-order-rules.js";

const now = new Date("2025-05-06T02:00:00Z");
const was = (over: Partial<ComplaintBefore> = {}): ComplaintBefore => ({
  state: "received",
  ownerId: "owner",
  category: "billing",
  hallId: "hall",
  firstRepliedAt: null,
  reopenCount: 0,
  escalationLevel: 0,
  materialsCompleteAt: null,
  ...over,
});
const facts = (over: Partial<ComplaintFacts> = {}): ComplaintFacts => ({
  kind: "complaint",
  state: "received",
  resumeState: null,
  replied: false,
  workOrderPending: false,
  replyHasText: true,
  ...over,
});
// An action as the route hands it over: the union member parsed from the path and the body.
const a = (action: ComplaintAction["action"], body: object = {}): ComplaintAction =>
  complaintAction.parse({ ...body, action });

describe("decide: a refused transition names its situation", () => {
  it.each([
    ["close", "received", "complaint_callback_pending"],
    ["resolve", "received", "complaint_not_replied"],
    ["callback", "replied", "complaint_not_resolved"],
    ["resume", "received", "complaint_not_waiting"],
    ["reopen", "received", "complaint_still_open"],
    ["contact", "closed", "complaint_closed"],
    ["reply", "withdrawn", "complaint_closed"],
    ["wait-customer", "waiting_customer", "complaint_wrong_state"],
  ] as const)("should refuse %s of a complaint that is %s with %s", (action, state, code) => {
    expect(decide(facts({ state }), action)).toMatchObject({ ok: false, code });
  });

  it("should refuse a decided appeal's acceptance, and a reply the department has yet to give", () => {
    expect(decide(facts({ kind: "appeal", state: "accepted" }), "accept")).toMatchObject({
      code: "appeal_already_decided",
    });
    expect(decide(facts({ state: "work_order", workOrderPending: true }), "reply")).toMatchObject({
      code: "work_order_pending",
    });
    expect(decide(facts({ kind: "appeal" }), "resolve-on-spot")).toMatchObject({ code: "rule_violation" });
  });
});

describe("patchFor: what an allowed action changes, pure", () => {
  it("should answer the customer on a reply (first reply kept) and note the text it relays", () => {
    const first = new Date("2025-05-01T00:00:00Z");
    const change = patchFor(
      was({ state: "work_order", firstRepliedAt: first }),
      a("reply", { channel: "phone" }),
      "replied",
      now,
      "已核实退费",
    );
    expect(change).toEqual({
      patch: { state: "replied", firstRepliedAt: first, lastContactAt: now },
      note: "已核实退费",
      data: { channel: "phone" },
    });
  });

  it("should reopen on a dissatisfied callback, counting it and clearing the resolution", () => {
    const change = patchFor(
      was({ state: "resolved", reopenCount: 1 }),
      a("callback", { satisfaction: "dissatisfied", note: "仍未到账" }),
      "reopened",
      now,
    );
    expect(change.patch).toEqual({
      state: "reopened",
      satisfaction: "dissatisfied",
      lastContactAt: now,
      reopenCount: 2,
      resolvedAt: null,
    });
    expect(change.note).toBe("仍未到账");
  });

  it("should keep the state to resume, move the owner on a hand-over, and climb the ladder on an escalation", () => {
    expect(
      patchFor(was({ state: "accepted" }), a("wait-customer", { reason: "等资料" }), "waiting_customer", now),
    ).toEqual({ patch: { state: "waiting_customer", resumeState: "accepted" }, note: "等资料", data: null });
    const toUserId = "00000000-0000-4000-8000-000000000001";
    expect(patchFor(was(), a("hand-over", { toUserId, reason: "换班" }), "received", now)).toMatchObject({
      patch: { ownerId: toUserId },
      data: { from: "owner", to: toUserId },
    });
    expect(
      patchFor(
        was({ hallId: null }),
        a("customer-escalate", { to: "工信部", note: "客户来电" }),
        "received",
        now,
      ),
    ).toEqual({
      patch: { state: "received", customerEscalated: true, escalationLevel: 2 },
      note: "工信部: 客户来电",
      data: { to: "工信部", level: 2 },
    });
  });

  it("should close on the spot with the answer given, and record how a record was confirmed", () => {
    expect(patchFor(was(), a("resolve-on-spot", { reply: "当场退费" }), "closed", now)).toEqual({
      patch: {
        state: "closed",
        firstRepliedAt: now,
        lastContactAt: now,
        resolvedAt: now,
        closedAt: now,
        satisfaction: null,
      },
      note: "当场退费",
      data: null,
    });
    expect(patchFor(was(), a("confirm-record"), "received", now).data).toEqual({ method: "read_back" });
  });
});

describe("complaintAllowedActions: what a caller may do, from the one state machine", () => {
  const owner: ComplaintCaller = { userId: "owner", mayRecord: true, mayManage: false };
  const other: ComplaintCaller = { userId: "other", mayRecord: true, mayManage: false };
  const manager: ComplaintCaller = { userId: "boss", mayRecord: true, mayManage: true };
  const inspector: ComplaintCaller = { userId: "eye", mayRecord: false, mayManage: false };
  const c = (over: object = {}) => ({
    kind: "complaint" as const,
    state: "received" as const,
    resumeState: null,
    ownerId: "owner",
    firstRepliedAt: null,
    typicalCase: false,
    ...over,
  });

  it("should offer the owner and a manager the received complaint's steps, others none", () => {
    const steps = complaintAllowedActions(c(), owner, { workOrderPending: false });
    expect(steps).toContain("reply");
    expect(steps).toContain("resolve-on-spot");
    expect(steps).not.toContain("close");
    expect(steps).not.toContain("accept"); // an appeal's, and a manager's
    expect(complaintAllowedActions(c(), manager, { workOrderPending: false })).toEqual(steps);
    expect(complaintAllowedActions(c(), other, { workOrderPending: false })).toEqual([]);
    expect(complaintAllowedActions(c(), inspector, { workOrderPending: false })).toEqual([]);
  });

  it("should follow the state: a resolved one is called back, a closed one reopened or archived by a manager", () => {
    const resolved = c({ state: "resolved", firstRepliedAt: now });
    expect(complaintAllowedActions(resolved, owner, { workOrderPending: false })).toEqual([
      "confirm-record",
      "hand-over",
      "callback",
      "reopen",
      "customer-escalate",
    ]);
    expect(complaintAllowedActions(c({ state: "closed" }), owner, { workOrderPending: false })).toEqual([
      "reopen",
    ]);
    const confirmed = c({ state: "resolved", firstRepliedAt: now, recordConfirmedAt: now });
    expect(complaintAllowedActions(confirmed, owner, { workOrderPending: false })).not.toContain(
      "confirm-record",
    );
    expect(complaintAllowedActions(c({ state: "closed" }), manager, { workOrderPending: false })).toEqual([
      "reopen",
      "typical-case",
    ]);
    expect(
      complaintAllowedActions(c({ state: "closed", typicalCase: true }), manager, {
        workOrderPending: false,
      }),
    ).toEqual(["reopen"]);
  });

  it("should offer no reply while the department has not answered, and appeal decisions to managers only", () => {
    const sent = c({ state: "work_order" });
    expect(complaintAllowedActions(sent, owner, { workOrderPending: true })).not.toContain("reply");
    expect(complaintAllowedActions(sent, owner, { workOrderPending: false })).toContain("reply");
    const appeal = c({ kind: "appeal" });
    expect(complaintAllowedActions(appeal, owner, { workOrderPending: false })).not.toContain("accept");
    expect(complaintAllowedActions(appeal, manager, { workOrderPending: false })).toEqual(
      expect.arrayContaining(["accept", "refuse"]),
    );
  });
});

describe("work orders: refusals by state, and what a caller may do", () => {
  const worker = { userId: "w1", mayRecord: true, mayHandle: true, mayManage: false };
  const ownerOnly = { userId: "owner", mayRecord: true, mayHandle: false, mayManage: false };

  it("should name each wrong state, and a resolved order's", () => {
    expect(workOrderRefusal("claimed", "claim")).toBe("work_order_not_queued");
    expect(workOrderRefusal("queued", "reply")).toBe("work_order_not_claimed");
    expect(workOrderRefusal("replied", "return")).toBe("work_order_not_open");
    expect(workOrderRefusal("queued", "supplement")).toBe("work_order_not_returned");
    expect(workOrderRefusal("claimed", "resolve")).toBe("work_order_not_replied");
    expect(workOrderRefusal("resolved", "claim")).toBe("work_order_resolved");
    expect(workOrderRefusal("queued", "claim")).toBeNull();
  });

  it("should offer the department its steps, the claimer alone the reply, the owner the supplement", () => {
    expect(workOrderAllowedActions({ state: "queued", claimedBy: null }, "owner", worker)).toEqual([
      "claim",
      "return",
    ]);
    expect(workOrderAllowedActions({ state: "claimed", claimedBy: "w1" }, "owner", worker)).toEqual([
      "reply",
      "return",
    ]);
    expect(workOrderAllowedActions({ state: "claimed", claimedBy: "w2" }, "owner", worker)).toEqual([]);
    expect(workOrderAllowedActions({ state: "returned", claimedBy: null }, "owner", ownerOnly)).toEqual([
      "supplement",
    ]);
    expect(workOrderAllowedActions({ state: "returned", claimedBy: null }, "owner", worker)).toEqual([]);
  });
});
