import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { type ComplaintActionPath, type ComplaintState, complaintActionPaths } from "./contract.js";
import { decide } from "./rules.js";

const actions: ComplaintActionPath[] = complaintActionPaths;
const satisfaction = fc.constantFrom("satisfied" as const, "dissatisfied" as const);

describe("property: no path closes a complaint without a reply to the customer", () => {
  it("should hold for any sequence of actions on the state machine (pure)", () => {
    const step = fc.record({ action: fc.constantFrom(...actions), satisfaction, text: fc.boolean() });
    fc.assert(
      fc.property(
        fc.constantFrom("complaint" as const, "appeal" as const),
        fc.array(step, { maxLength: 40 }),
        (kind, steps) => {
          let state: ComplaintState = "received";
          let resumeState: ComplaintState | null = null;
          let answered = false;
          let workOrderPending = false;
          for (const s of steps) {
            const d = decide(
              { kind, state, resumeState, replied: answered, workOrderPending, replyHasText: s.text },
              s.action,
              { satisfaction: s.satisfaction },
            );
            if (!d.ok) {
              // A refused step names why: the state (409, a code per situation) or a rule (422).
              expect(d.code).toMatch(/^(complaint_|appeal_|work_order_pending$|rule_violation$)/);
              continue;
            }
            if (s.action === "reply" || s.action === "resolve-on-spot" || s.action === "refuse")
              answered = true;
            if (s.action === "send-work-order") workOrderPending = !s.text; // the department may reply at once
            if (s.action === "wait-customer" || s.action === "wait-third-party") resumeState = state;
            state = d.to;
            if (state === "closed") expect(answered).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("property: the API never closes a complaint without a reply (PGlite/PostgreSQL)", () => {
  let t: TestApp;
  let token: string;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    token = await t.token("counter1");
    manager = await t.token("area");
  });
  afterAll(() => t.close());

  const bodies: Partial<Record<ComplaintActionPath, object>> = {
    "hand-over": { toUserId: "00000000-0000-4000-8000-000000000000", reason: "x" },
    contact: { text: "进度告知", channel: "phone" },
    "send-work-order": { department: "billing", brief: "核查" },
    reply: { channel: "phone" },
    "resolve-on-spot": { reply: "当场答复" },
    "wait-customer": { reason: "等资料" },
    "wait-third-party": { reason: "等第三方" },
    reopen: { reason: "客户再次来电" },
    withdraw: { reason: "客户撤诉" },
    "customer-escalate": { to: "10086" },
    recategorize: { category: "service" },
    refuse: { reason: "不符合申诉条件" },
  };

  it("should hold for random action sequences through HTTP, with 4xx for every refused step", async () => {
    const step = fc.record({
      action: fc.constantFrom(...actions),
      satisfaction,
      withText: fc.boolean(),
      departmentReplies: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), async (steps) => {
        const c = (
          await t.api("POST", "/api/complaints", {
            token,
            body: {
              customer: { name: "测试", phone: "13700000000" },
              channel: "counter",
              category: "billing",
              description: "d",
              request: "r",
            },
          })
        ).json();
        for (const s of steps) {
          let b: object | undefined = bodies[s.action];
          if (s.action === "reply" && s.withText) b = { text: "答复内容", channel: "phone" };
          if (s.action === "callback") b = { satisfaction: s.satisfaction };
          const res = await t.api("POST", `/api/complaints/${c.id}/${s.action}`, { token, body: b });
          // 404: the hand-over names a user who does not exist.
          expect([200, 400, 403, 404, 409, 422]).toContain(res.statusCode);
          if (s.action === "send-work-order" && res.statusCode === 200 && s.departmentReplies) {
            const wo = res.json().workOrders.at(-1);
            await t.api("POST", `/api/work-orders/${wo.id}/claim`, { token: manager });
            await t.api("POST", `/api/work-orders/${wo.id}/reply`, {
              token: manager,
              body: { text: "部门答复" },
            });
          }
        }
        const final = (await t.api("GET", `/api/complaints/${c.id}`, { token })).json();
        const acts = final.history.map((h: { action: string }) => h.action);
        if (final.state === "closed") {
          expect(acts.some((a: string) => a === "reply" || a === "resolve-on-spot")).toBe(true);
          expect(final.firstRepliedAt).not.toBeNull();
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
