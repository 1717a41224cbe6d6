import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { outbox } from "../../core/tables.js";

// R-NOTIFY (issue 16): a complaint's progress update or reply marked "sms" goes to the customer through the
// outbox, with the change; one by phone or in person sends nothing.
describe("complaint messages to the customer", () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  it("should text the customer a progress update and a reply marked sms, and nothing else", async () => {
    const c = (
      await t.api("POST", "/api/complaints", {
        token: manager,
        body: {
          hallId: t.demo.hallId,
          customer: { name: "王女士", phone: "13912340001" },
          channel: "counter",
          category: "service",
          description: "等候时间过长",
          request: "改进",
        },
      })
    ).json();
    const act = (action: string, body: object) =>
      t.api("POST", `/api/complaints/${c.id}/${action}`, { token: manager, body });
    expect((await act("contact", { text: "已转后台核查", channel: "phone" })).statusCode).toBe(200);
    expect((await act("contact", { text: "已转后台核查，预计明天答复", channel: "sms" })).statusCode).toBe(
      200,
    );
    const reply = await act("reply", { text: "已为您调整排班，高峰期增开窗口", channel: "sms" });
    expect(reply.statusCode, reply.body).toBe(200);
    const texts = (
      await t.database.db
        .select({ body: outbox.body })
        .from(outbox)
        .where(eq(outbox.recipient, "13912340001"))
        .orderBy(outbox.id)
    ).map((m) => m.body);
    expect(texts).toEqual([
      "【投诉处理】王女士您好，您的投诉进展：已转后台核查，预计明天答复",
      "【投诉处理】王女士您好，您的投诉答复：已为您调整排班，高峰期增开窗口",
    ]);
  });
});
