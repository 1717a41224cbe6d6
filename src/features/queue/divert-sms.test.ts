import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp, testEnv } from "../../../test/helpers.js";
import { outbox } from "../../core/tables.js";
import { diversions } from "./tables.js";

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

// R-DIVERT by SMS (短信分流): customers far back in a line whose business an e-channel can do are texted
// the channels and the online hall's link, once each, and each text is a diversion offered.
describe("diversion by SMS", () => {
  let t: TestApp;
  let admin: string;
  let hallId: string;
  const numbers: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ env: testEnv({ TINGWU_ONLINE_HALL_URL: "https://online.example.com/hall" }) });
    admin = await t.token("admin");
    hallId = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: { name: "短信分流厅", type: "self_run", regionCode: "T-S", openingHours: allDay },
      })
    ).json().id;
    // Twelve payments with phones; a cancellation far back (no e-channel can do it); one payment without a phone.
    for (let i = 0; i < 12; i++) {
      const body = { businessType: "payment", phone: `1380000${String(1000 + i)}` };
      numbers.push((await post(`/api/halls/${hallId}/tickets`, body)).json().number);
    }
    for (let i = 0; i < 12; i++)
      await post(`/api/halls/${hallId}/tickets`, {
        businessType: "cancellation",
        phone: `1390000${1000 + i}`,
      });
    await post(`/api/halls/${hallId}/tickets`, { businessType: "payment" });
  });
  afterAll(() => t.close());

  function post(path: string, body?: object) {
    return t.api("POST", path, { token: admin, body });
  }
  const texts = async () =>
    (await t.database.db.select().from(outbox).where(eq(outbox.hallId, hallId))).filter(
      (m) => (m.payload as { kind?: string }).kind === "divert_sms",
    );

  it("should text those at least minAhead places back in a divertible line, with the link", async () => {
    const res = await post(`/api/halls/${hallId}/divert-sms`, { minAhead: 10 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sent: 2,
      tickets: [
        { number: numbers[11], ahead: 11 },
        { number: numbers[10], ahead: 10 },
      ],
    });
    const sent = await texts();
    expect(sent.map((m) => m.recipient).sort()).toEqual(["13800001010", "13800001011"]);
    expect(sent[0].body).toContain("网上营业厅");
    expect(sent[0].body).toContain("https://online.example.com/hall");
    const offered = await t.database.db
      .select()
      .from(diversions)
      .where(and(eq(diversions.hallId, hallId), eq(diversions.accepted, false)));
    expect(offered).toHaveLength(2);
  });

  it("should text nobody twice, and refuse a bad minAhead", async () => {
    expect((await post(`/api/halls/${hallId}/divert-sms`, { minAhead: 10 })).json()).toEqual({
      sent: 0,
      tickets: [],
    });
    // Closer in: the ones not yet texted.
    expect((await post(`/api/halls/${hallId}/divert-sms`, { minAhead: 9 })).json().tickets).toEqual([
      { number: numbers[9], ahead: 9 },
    ]);
    expect(await texts()).toHaveLength(3);
    const bad = await post(`/api/halls/${hallId}/divert-sms`, { minAhead: 0 });
    expect(bad.statusCode).toBe(400);
    expect(await texts()).toHaveLength(3);
  });

  it("should text each customer once when two people press at the same moment", async () => {
    const later: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = { businessType: "payment", phone: `1370000${String(2000 + i)}` };
      later.push((await post(`/api/halls/${hallId}/tickets`, body)).json().number);
    }
    const [a, b] = await Promise.all([
      post(`/api/halls/${hallId}/divert-sms`, { minAhead: 13 }),
      post(`/api/halls/${hallId}/divert-sms`, { minAhead: 13 }),
    ]);
    const sent = [...a.json().tickets, ...b.json().tickets].map((x: { number: string }) => x.number);
    expect(sent.sort()).toEqual([...later].sort());
    expect(await texts()).toHaveLength(6);
  });
});
