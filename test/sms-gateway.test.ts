import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/core/db.js";
import { deliveryKey, SMS_PER_PHONE_HOUR } from "../src/core/outbox.js";
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER, verifySignature } from "../src/core/sms.js";
import { outbox } from "../src/core/tables.js";
import { buildTestApp, type TestApp, testEnv } from "./helpers.js";

// R-NOTIFY (issue 16): SMS over an HTTP gateway — signed requests with the outbox's delivery key, retries
// when the gateway fails, signed delivery receipts that update the message, and at most
// SMS_PER_PHONE_HOUR messages to one phone number in an hour. The gateway is a real HTTP server here.
const SECRET = "a-shared-secret-for-tests";

describe("SMS over an HTTP gateway", () => {
  let t: TestApp;
  let gateway: Server;
  let failNext = false;
  const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failNext ? 503 : 200;
        failNext = false;
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    const { port } = gateway.address() as AddressInfo;
    t = await buildTestApp({
      env: testEnv({ TINGWU_SMS_URL: `http://127.0.0.1:${port}/send`, TINGWU_SMS_SECRET: SECRET }),
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
  });

  const message = async (recipient: string) => {
    const [m] = await t.database.db
      .insert(outbox)
      .values({ channel: "sms", recipient, body: "【陆家嘴自营厅】您的A001号前面还有3位" })
      .returning();
    return m;
  };
  const receipt = (body: object, secret = SECRET) => {
    const raw = JSON.stringify(body);
    const ts = String(Date.now());
    return t.api("POST", "/api/public/sms/receipts", {
      body: raw,
      headers: {
        "content-type": "application/json",
        [TIMESTAMP_HEADER]: ts,
        [SIGNATURE_HEADER]: signBody(secret, ts, raw),
      },
    });
  };
  const row = async (id: number) => (await t.database.db.select().from(outbox).where(eq(outbox.id, id)))[0];

  it("should send a signed request with the delivery key, and take a signed receipt", async () => {
    const m = await message("13900003001");
    await t.app.ctx.sweeper.runOnce();
    const req = received.find((r) => r.body.includes("13900003001"));
    expect(req).toBeDefined();
    const ts = req?.headers[TIMESTAMP_HEADER] as string;
    expect(verifySignature(SECRET, ts, req?.headers[SIGNATURE_HEADER] as string, req?.body ?? "")).toBe(true);
    expect(JSON.parse(req?.body ?? "{}")).toEqual({ id: deliveryKey(m), to: "13900003001", text: m.body });
    expect(req?.headers["idempotency-key"]).toBe(deliveryKey(m));
    expect((await row(m.id)).status).toBe("sent");

    // A receipt signed with another secret, or of no message, changes nothing.
    expect(
      (await receipt({ id: deliveryKey(m), status: "delivered" }, "another-secret-entirely")).statusCode,
    ).toBe(401);
    expect((await receipt({ id: "tingwu-outbox-999999-1", status: "delivered" })).statusCode).toBe(404);
    expect((await receipt({ id: deliveryKey(m), status: "lost" })).statusCode).toBe(400);
    expect((await row(m.id)).deliveryStatus).toBeNull();
    const ok = await receipt({ id: deliveryKey(m), status: "delivered" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await row(m.id)).deliveryStatus).toBe("delivered");
  });

  it("should try again later when the gateway fails", async () => {
    failNext = true;
    const m = await message("13900003002");
    await t.app.ctx.sweeper.runOnce();
    const after = await row(m.id);
    expect(after).toMatchObject({ status: "pending", attempts: 1, lastError: "SMS gateway answered 503" });
    expect(after.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("should hold a phone number's messages beyond its hour's limit", async () => {
    const phone = "13900003003";
    await t.database.db.insert(outbox).values(
      Array.from({ length: SMS_PER_PHONE_HOUR }, () => ({
        channel: "sms" as const,
        recipient: phone,
        body: "已发送",
        status: "sent" as const,
        sentAt: new Date(Date.now() - 10 * 60_000),
      })),
    );
    const before = received.length;
    const m = await message(phone);
    await t.app.ctx.sweeper.runOnce();
    expect(received.slice(before).some((r) => r.body.includes(phone))).toBe(false);
    const held = await row(m.id);
    expect(held).toMatchObject({ status: "pending", attempts: 0 });
    expect(held.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    // Another number is not held.
    const other = await message("13900003004");
    await t.app.ctx.sweeper.runOnce();
    expect((await row(other.id)).status).toBe("sent");
    const [{ n }] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM outbox WHERE recipient = ${phone} AND status = 'sent'`,
    );
    expect(n).toBe(SMS_PER_PHONE_HOUR);
  });
});
