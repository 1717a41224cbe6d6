import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

type Card = {
  id: string;
  archiveUpdatedAt: string;
  contacts: {
    id: string;
    name: string;
    title: string | null;
    phone: string | null;
    birthday: string | null;
    decisionMaker: boolean;
  }[];
};

// R-CUST: contacts and decision-makers kept on the card, changed and removed as people come and go.
describe("contacts on an existing customer", () => {
  let t: TestApp;
  let agent: string;
  let customerId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await t.token("agent");
    const res = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: {
        name: "联群村委会",
        tier: "gov_enterprise",
        areaCode: "SH-PD",
        contacts: [{ name: "赵主任", phone: "13900002222" }],
      },
    });
    customerId = res.json().id;
  });
  afterAll(() => t.close());

  const card = async () =>
    (await t.api("GET", `/api/field/customers/${customerId}`, { token: agent })).json() as Card;

  it("should add a decision-maker with a birthday, phone masked on the card", async () => {
    const res = await t.api("POST", `/api/field/customers/${customerId}/contacts`, {
      token: agent,
      body: { name: "钱书记", title: "村支书", phone: "13711112222", birthday: "07-08", decisionMaker: true },
    });
    expect(res.statusCode).toBe(201);
    expect((res.json() as Card).contacts).toContainEqual(
      expect.objectContaining({
        name: "钱书记",
        phone: "137****2222",
        birthday: "07-08",
        decisionMaker: true,
      }),
    );
  });

  it("should change a contact's title and birthday and clear the phone, keeping what was left out", async () => {
    const before = await card();
    const k = before.contacts.find((c) => c.name === "赵主任")!;
    const res = await t.api("PATCH", `/api/field/customers/${customerId}/contacts/${k.id}`, {
      token: agent,
      body: { title: "村主任", birthday: "1968-03-15", phone: null },
    });
    expect(res.statusCode).toBe(200);
    const after = res.json() as Card;
    expect(after.contacts.find((c) => c.id === k.id)).toEqual({
      id: k.id,
      name: "赵主任",
      title: "村主任",
      phone: null,
      birthday: "03-15",
      decisionMaker: false,
    });
    expect(Date.parse(after.archiveUpdatedAt)).toBeGreaterThanOrEqual(Date.parse(before.archiveUpdatedAt));
  });

  it("should refuse a bad phone or birthday with 400 and change nothing", async () => {
    const k = (await card()).contacts[0];
    for (const body of [{ phone: "12345" }, { birthday: "13-01" }, { name: "" }]) {
      const res = await t.api("PATCH", `/api/field/customers/${customerId}/contacts/${k.id}`, {
        token: agent,
        body,
      });
      expect(res.statusCode).toBe(400);
    }
    expect((await card()).contacts[0]).toEqual(k);
  });

  it("should remove a contact who has left", async () => {
    const k = (await card()).contacts.find((c) => c.name === "钱书记")!;
    const res = await t.api("DELETE", `/api/field/customers/${customerId}/contacts/${k.id}`, {
      token: agent,
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Card).contacts.map((c) => c.name)).toEqual(["赵主任"]);
    const again = await t.api("DELETE", `/api/field/customers/${customerId}/contacts/${k.id}`, {
      token: agent,
    });
    expect(again.statusCode).toBe(404);
  });

  it("should answer 404 for a contact of another customer and 403 outside the agent's area", async () => {
    const other = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: { name: "王家", tier: "household", areaCode: "SH-PD", contacts: [{ name: "王大妈" }] },
    });
    const foreign = (other.json() as Card).contacts[0].id;
    const res = await t.api("PATCH", `/api/field/customers/${customerId}/contacts/${foreign}`, {
      token: agent,
      body: { title: "x" },
    });
    expect(res.statusCode).toBe(404);
    const inspector = await t.token("inspector");
    const k = (await card()).contacts[0];
    const ro = await t.api("DELETE", `/api/field/customers/${customerId}/contacts/${k.id}`, {
      token: inspector,
    });
    expect(ro.statusCode).toBe(403);
  });
});
