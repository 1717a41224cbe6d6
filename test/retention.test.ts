import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/core/db.js";
import { outbox } from "../src/core/tables.js";
import { buildTestApp, type TestApp } from "./helpers.js";

// R-PRIVACY retention (issue 16): a closed record keeps its customer's phone number
// TINGWU_PHONE_RETENTION_DAYS (365) days, then loses it — tickets, appointments, complaints, faults and the
// SMS recipients of the outbox — while open and recent records keep theirs.
describe("phone number retention", () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(db(), q))[0];
  const complaint = async () => {
    const res = await t.api("POST", "/api/complaints", {
      token: manager,
      body: {
        hallId: t.demo.hallId,
        customer: { name: "王女士", phone: "13912345678" },
        channel: "counter",
        category: "service",
        description: "等候时间过长",
        request: "改进",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const ticket = async () => {
    const res = await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment", phone: "13812345678" },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it("should erase the phone numbers of records closed longer ago than the retention, and only those", async () => {
    const [oldComplaint, recentComplaint, openComplaint] = [
      await complaint(),
      await complaint(),
      await complaint(),
    ];
    await db().execute(
      sql`UPDATE complaints SET state = 'closed', closed_at = now() - interval '400 days' WHERE id = ${oldComplaint}`,
    );
    await db().execute(
      sql`UPDATE complaints SET state = 'closed', closed_at = now() - interval '10 days' WHERE id = ${recentComplaint}`,
    );
    const [oldTicket, todayTicket] = [await ticket(), await ticket()];
    await db().execute(
      sql`UPDATE tickets SET status = 'finished', service_date = (now() - interval '400 days')::date WHERE id = ${oldTicket}`,
    );
    const fault = await t.api("POST", "/api/faults", {
      token: await t.token("agent"),
      body: {
        customer: { name: "李大爷", phone: "13600001234", address: "红星村3组12号" },
        service: "broadband",
        symptom: "宽带无法上网",
      },
    });
    expect(fault.statusCode, fault.body).toBe(201);
    await db().execute(
      sql`UPDATE faults SET state = 'closed', closed_at = now() - interval '366 days' WHERE id = ${fault.json().id}`,
    );
    await db()
      .insert(outbox)
      .values([
        {
          channel: "sms",
          recipient: "13700001111",
          body: "您的号码即将到号",
          status: "sent",
          createdAt: new Date(Date.now() - 400 * 86_400_000),
        },
        { channel: "sms", recipient: "13700002222", body: "您的号码即将到号", status: "sent" },
      ]);

    await t.app.ctx.sweeper.runOnce();

    const phoneOf = (id: string) =>
      one<{ p: string }>(sql`SELECT customer_phone AS p FROM complaints WHERE id = ${id}`).then((r) => r.p);
    expect(await phoneOf(oldComplaint)).toBe("");
    expect(await phoneOf(recentComplaint)).toBe("13912345678");
    expect(await phoneOf(openComplaint)).toBe("13912345678");
    const ticketPhone = (id: string) =>
      one<{ p: string | null }>(sql`SELECT phone AS p FROM tickets WHERE id = ${id}`).then((r) => r.p);
    expect(await ticketPhone(oldTicket)).toBeNull();
    expect(await ticketPhone(todayTicket)).toBe("13812345678");
    expect(
      (await one<{ p: string }>(sql`SELECT customer_phone AS p FROM faults WHERE id = ${fault.json().id}`)).p,
    ).toBe("");
    const recipients = await queryRows<{ r: string }>(
      db(),
      sql`SELECT recipient AS r FROM outbox WHERE body = '您的号码即将到号' ORDER BY created_at`,
    );
    expect(recipients.map((x) => x.r)).toEqual(["", "13700002222"]);
    // The erased complaint still reads, with no number to show or unmask.
    const shown = await t.api("GET", `/api/complaints/${oldComplaint}`, { token: manager });
    expect(shown.statusCode).toBe(200);
    expect(JSON.stringify(shown.json())).not.toContain("13912345678");
  });
});
