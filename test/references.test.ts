import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers.js";

// Ids a request names in its body or query (a staff member, a visit, a prior complaint, an agent …) are
// checked against the caller's scope and against the record they must belong to: one that is unknown or
// out of the caller's sight is a 404, one that exists but belongs elsewhere a 422, never a silent accept.
describe("ids named in bodies and queries", () => {
  let t: TestApp;
  let tok: Record<string, string>;
  const ids: Record<string, string> = {};
  let hallId: string;
  let coopHallId: string;
  let counter1Id: string;
  const call = (method: string, path: string, who: string, body?: unknown) =>
    t.api(method, path, { token: tok[who], body });
  const expectStatus = async (res: ReturnType<TestApp["api"]>, status: number) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    coopHallId = t.demo.cooperativeHallId;
    tok = {};
    for (const u of ["admin", "manager", "counter1", "counter2", "area", "agent", "coop", "desk"])
      tok[u] = await t.token(u);
    // Another region (徐汇) with its own hall, area manager, agent and counter staff.
    const hall = await call("POST", "/api/halls", "admin", {
      name: "徐汇自营厅",
      type: "self_run",
      regionCode: "SH-XH",
    });
    ids.xhHall = hall.json().id;
    for (const [username, role, scope] of [
      ["area-xh", "area_manager", { regionCode: "SH-XH" }],
      ["agent-xh", "rural_agent", { regionCode: "SH-XH" }],
      ["counter-xh", "counter_staff", { hallId: ids.xhHall }],
      ["gone", "counter_staff", { hallId }],
    ] as const) {
      const res = await call("POST", "/api/users", "admin", {
        username,
        displayName: username,
        password: "tingwu-demo",
        role,
        ...scope,
      });
      expect(res.statusCode).toBe(201);
      tok[username] = await t.token(username);
    }
    const users = (await call("GET", "/api/users", "admin")).json() as { id: string; username: string }[];
    for (const u of users) ids[u.username] = u.id;
    await call("PATCH", `/api/users/${ids.gone}`, "admin", { active: false });
    counter1Id = (await call("GET", `/api/halls/${hallId}/counters`, "manager"))
      .json()
      .find((c: { number: number }) => c.number === 1).id;
  });
  afterAll(() => t.close());

  it("should open a counter only for staff of its hall who work counters (404 unknown, 422 elsewhere)", async () => {
    const open = (staffId: string) =>
      call("POST", `/api/halls/${hallId}/counters/${counter1Id}/open`, "manager", { staffId });
    await expectStatus(open(randomUUID()), 404);
    await expectStatus(open(ids.gone), 404);
    for (const elsewhere of [ids.coop, ids["counter-xh"], ids.agent, ids.desk]) {
      const res = await expectStatus(open(elsewhere), 422);
      expect(res.json().error.code).toBe("rule_violation");
    }
    const ok = await expectStatus(open(ids.counter2), 200);
    expect(ok.json()).toMatchObject({ status: "open", staffId: ids.counter2 });
  });

  it("should link an opportunity only to a visit of the same customer in scope", async () => {
    const customer = async (who: string, name: string, areaCode: string) =>
      (await call("POST", "/api/field/customers", who, { name, tier: "key", areaCode })).json().id as string;
    const visit = async (who: string, customerId: string) =>
      (
        await call("POST", `/api/field/customers/${customerId}/visits`, who, {
          kind: "phone",
          at: new Date().toISOString(),
        })
      ).json().id as string;
    const a = await customer("agent", "甲公司", "SH-PD");
    const b = await customer("agent", "乙公司", "SH-PD");
    const c = await customer("agent-xh", "丙公司", "SH-XH");
    const [va, vb, vc] = [await visit("agent", a), await visit("agent", b), await visit("agent-xh", c)];
    const link = (who: string, visitRecordId: string) =>
      call("POST", `/api/field/customers/${a}/opportunities`, who, { title: "专线扩容", visitRecordId });
    await expectStatus(link("agent", randomUUID()), 404);
    await expectStatus(link("agent", vc), 404); // another region's visit: unseen
    await expectStatus(link("agent", vb), 422); // another customer's visit
    await expectStatus(link("admin", vc), 422); // seen by the operator, still another customer's
    await expectStatus(link("agent", va), 201);
  });

  it("should refuse a visit record for another customer's plan (422) or an unseen one (404)", async () => {
    const make = async (who: string, areaCode: string) =>
      (
        await call("POST", "/api/field/customers", who, {
          name: `客户${randomUUID()}`,
          tier: "key",
          areaCode,
        })
      ).json().id as string;
    const plan = async (who: string, customerId: string) =>
      (
        await call("POST", `/api/field/customers/${customerId}/visit-plans`, who, {
          kind: "phone",
          plannedAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        })
      ).json().id as string;
    const [a, b, c] = [
      await make("agent", "SH-PD"),
      await make("agent", "SH-PD"),
      await make("agent-xh", "SH-XH"),
    ];
    const [pb, pc] = [await plan("agent", b), await plan("agent-xh", c)];
    const record = (planId: string) =>
      call("POST", `/api/field/customers/${a}/visits`, "agent", {
        kind: "phone",
        at: new Date().toISOString(),
        planId,
      });
    await expectStatus(record(pb), 422);
    await expectStatus(record(pc), 404);
  });

  it("should check a customer's agent and manager: unknown 404, not one of the area 422", async () => {
    const create = (extra: object, who = "area") =>
      call("POST", "/api/field/customers", who, { name: "丁公司", tier: "key", areaCode: "SH-PD", ...extra });
    await expectStatus(create({ agentId: randomUUID() }), 404);
    await expectStatus(create({ agentId: ids["agent-xh"] }), 422);
    await expectStatus(create({ managerId: randomUUID() }), 404);
    await expectStatus(create({ managerId: ids.counter1 }), 422);
    await expectStatus(create({ managerId: ids["area-xh"] }), 422);
    const ok = await expectStatus(create({ agentId: ids.agent, managerId: ids.area }), 201);
    const id = ok.json().id;
    await expectStatus(call("PATCH", `/api/field/customers/${id}`, "area", { managerId: randomUUID() }), 404);
    await expectStatus(call("PATCH", `/api/field/customers/${id}`, "area", { agentId: ids.coop }), 422);
  });

  it("should not greet or file a blind spot against another region's customer", async () => {
    const theirs = (
      await call("POST", "/api/field/customers", "agent-xh", {
        name: "戊公司",
        tier: "key",
        areaCode: "SH-XH",
      })
    ).json().id;
    const greeting = { customerId: theirs, occasion: "new_year", year: 2027, channel: "phone" };
    await expectStatus(call("POST", "/api/field/greetings", "agent", greeting), 404);
    const spot = { areaCode: "SH-PD", village: "新丰村", place: "村口", kind: "weak_signal" };
    await expectStatus(call("POST", "/api/field/blind-spots", "agent", { ...spot, customerId: theirs }), 404);
    // The operator sees both regions, but a blind spot of SH-PD is not about a customer of SH-XH.
    await expectStatus(call("POST", "/api/field/blind-spots", "admin", { ...spot, customerId: theirs }), 422);
    await expectStatus(
      call("POST", "/api/field/blind-spots", "admin", { ...spot, customerId: randomUUID() }),
      404,
    );
  });

  it("should answer a query naming an agent, customer, hall or region out of scope with 404, not an empty list", async () => {
    const theirs = (
      await call("POST", "/api/field/customers", "agent-xh", {
        name: "己公司",
        tier: "key",
        areaCode: "SH-XH",
      })
    ).json().id;
    const today = new Date().toISOString().slice(0, 10);
    for (const [path, who] of [
      [`/api/field/customers?agentId=${randomUUID()}`, "agent"],
      [`/api/field/customers?agentId=${ids["agent-xh"]}`, "area"],
      [`/api/field/opportunities?customerId=${theirs}`, "agent"],
      [`/api/field/opportunities?agentId=${ids["agent-xh"]}`, "area"],
      [`/api/field/visit-plans?agentId=${ids["agent-xh"]}`, "area"],
      [`/api/field/my-day?agentId=${ids["agent-xh"]}`, "area"],
      [`/api/field/care?from=${today}&to=${today}&agentId=${ids["agent-xh"]}`, "area"],
      [`/api/complaints?hallId=${coopHallId}`, "counter1"],
      [`/api/complaints?hallId=${randomUUID()}`, "admin"],
      [`/api/halls?regionCode=SH-XH`, "area"],
    ] as const) {
      const res = await call("GET", path, who);
      expect(res.statusCode, `${who} GET ${path}: ${res.body.slice(0, 120)}`).toBe(404);
    }
    // In scope, the same filters answer.
    await expectStatus(call("GET", `/api/field/customers?agentId=${ids.agent}`, "area"), 200);
    await expectStatus(call("GET", `/api/complaints?hallId=${hallId}`, "manager"), 200);
    await expectStatus(call("GET", `/api/halls?regionCode=SH-PD`, "area"), 200);
  });

  it("should link a complaint only to a ticket of its hall and an appeal only to the same customer's complaint", async () => {
    const complaint = (extra: object = {}) => ({
      customer: { name: "张女士", phone: "13812341234" },
      channel: "counter",
      category: "billing",
      description: "多收费",
      request: "退费",
      ...extra,
    });
    const coopTicket = (
      await call("POST", `/api/halls/${coopHallId}/tickets`, "coop", { businessType: "payment" })
    ).json().id;
    const ownTicket = (
      await call("POST", `/api/halls/${hallId}/tickets`, "desk", { businessType: "payment" })
    ).json().id;
    await expectStatus(call("POST", "/api/complaints", "counter1", complaint({ ticketId: coopTicket })), 404);
    // The area manager sees both halls; a complaint of the main hall is not about a ticket of the other.
    await expectStatus(
      call("POST", "/api/complaints", "area", complaint({ hallId, ticketId: coopTicket })),
      422,
    );
    await expectStatus(call("POST", "/api/complaints", "counter1", complaint({ ticketId: ownTicket })), 201);
    // A hall's staff member cannot place a complaint in another region by naming it.
    await expectStatus(call("POST", "/api/complaints", "counter1", complaint({ regionCode: "SH-XH" })), 422);

    const theirs = (await call("POST", "/api/complaints", "coop", complaint())).json().id;
    const otherCustomer = (
      await call(
        "POST",
        "/api/complaints",
        "counter1",
        complaint({ customer: { name: "李先生", phone: "13900009999" } }),
      )
    ).json().id;
    const appeal = (priorComplaintId: string) =>
      complaint({
        kind: "appeal",
        appeal: { disputeKind: "fee", disputeStartedAt: new Date().toISOString(), priorComplaintId },
      });
    await expectStatus(call("POST", "/api/complaints", "counter1", appeal(theirs)), 404);
    await expectStatus(call("POST", "/api/complaints", "counter1", appeal(randomUUID())), 404);
    const wrong = await expectStatus(call("POST", "/api/complaints", "counter1", appeal(otherCustomer)), 422);
    expect(wrong.json().error.details).toMatchObject({ priorComplaintId: otherCustomer });

    const mine = (await call("POST", "/api/complaints", "counter1", complaint())).json().id;
    const handOver = (toUserId: string) =>
      call("POST", `/api/complaints/${mine}/hand-over`, "counter1", { toUserId, reason: "换班" });
    await expectStatus(handOver(randomUUID()), 404);
    await expectStatus(handOver(ids.gone), 404);
    await expectStatus(handOver(ids["counter-xh"]), 422);
  });

  it("should refuse a fault placed in another region by a hall's staff member (422)", async () => {
    const fault = {
      customer: { name: "王先生", phone: "13612341234" },
      service: "broadband",
      symptom: "无法上网",
    };
    await expectStatus(call("POST", "/api/faults", "counter1", { ...fault, regionCode: "SH-XH" }), 422);
    await expectStatus(call("POST", "/api/faults", "counter1", fault), 201);
  });

  it("should refuse a visit node naming a ticket of another visit (422)", async () => {
    const first = (
      await call("POST", `/api/halls/${hallId}/tickets`, "desk", { businessType: "payment" })
    ).json();
    const second = (
      await call("POST", `/api/halls/${hallId}/tickets`, "desk", { businessType: "payment" })
    ).json();
    await expectStatus(
      call("POST", `/api/halls/${hallId}/visit-nodes`, "desk", {
        node: "Z2",
        ticketId: first.id,
        visitId: second.visitId,
      }),
      422,
    );
  });

  it("should refuse unknown business types in a hall's limits and in a ticket filter (400)", async () => {
    await expectStatus(
      call("PATCH", `/api/halls/${hallId}/settings`, "manager", { waitLimitSeconds: { no_such_type: 60 } }),
      400,
    );
    await expectStatus(call("GET", `/api/halls/${hallId}/tickets?businessType=no_such_type`, "manager"), 400);
    await expectStatus(
      call("PATCH", `/api/halls/${hallId}/settings`, "manager", { waitLimitSeconds: { payment: 300 } }),
      200,
    );
  });
});
