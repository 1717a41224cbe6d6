import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { DEFAULT_DELIVERY_TIMEOUT_MS } from "../src/core/outbox.js";
import { adminUrl } from "./helpers.js";
import { createEmptyPostgresDatabase, request, type ServerProcess, sleep, startServer } from "./server.js";

// An SMS gateway is outside the database's transaction: delivery is at-least-once. An instance that dies
// after the gateway took a message but before marking it sent leaves the message to be sent again when
// its claim runs out — with the same idempotency key, so the gateway can send it once — and that claim is
// only a little longer than the delivery's timeout.

type Received = {
  at: number;
  key: string | undefined;
  body: { id: number; idempotencyKey: string; recipient: string };
};

const LEASE_MS = DEFAULT_DELIVERY_TIMEOUT_MS + 5_000;
const SWEEP_SECONDS = 1;
const PHONE = "13912340077";

describe("outbox: a message taken by the gateway from an instance that then dies", () => {
  it("should be sent again after the claim runs out, with the same idempotency key", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tingwu-gateway-"));
    const pgDatabase = adminUrl ? await createEmptyPostgresDatabase() : null;
    const received: Received[] = [];
    let server: ServerProcess | undefined;
    let diedAt = 0;
    // The gateway: takes every message; the first one it takes, the sending instance dies (kill -9)
    // before the answer reaches it.
    const gateway = http.createServer((req, res) => {
      let text = "";
      req.on("data", (c) => {
        text += c;
      });
      req.on("end", async () => {
        const body = JSON.parse(text) as Received["body"];
        if (body.recipient !== PHONE) return void res.end("ok");
        received.push({ at: Date.now(), key: req.headers["idempotency-key"] as string | undefined, body });
        if (received.length === 1) {
          await server?.kill9();
          diedAt = Date.now();
        }
        res.end("ok");
      });
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
    const env: Record<string, string> = {
      TINGWU_ADMIN_PASSWORD: "gateway-operator-password",
      TINGWU_DEMO: "1",
      TINGWU_SWEEP_SECONDS: String(SWEEP_SECONDS),
      TINGWU_OUTBOX_WEBHOOK: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
      ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : { TINGWU_DATA_DIR: dataDir }),
    };
    try {
      server = await startServer(env);
      const base = server.url;
      const login = await request(base, "POST", "/api/auth/token", {
        body: { username: "manager", password: DEMO_PASSWORD },
      });
      const token = (login.body as { token: string }).token;
      const halls = (await request(base, "GET", "/api/halls", { token })).body as {
        id: string;
        name: string;
      }[];
      const hallId = halls.find((h) => h.name === "陆家嘴自营厅")!.id;
      // A ticket with a phone and no one ahead: its near-turn SMS is due at once.
      const issued = await request(base, "POST", `/api/halls/${hallId}/tickets`, {
        token,
        body: { businessType: "payment", phone: PHONE },
      });
      expect(issued.status).toBe(201);

      for (let i = 0; i < 300 && !diedAt; i++) await sleep(100);
      expect(diedAt, "the gateway never received the message").toBeGreaterThan(0);
      server = await startServer(env);
      const backAt = Date.now();
      for (let i = 0; i < 600 && received.length < 2; i++) await sleep(100);

      expect(received.length).toBe(2);
      const [first, again] = received;
      expect(first.key).toMatch(/^tingwu-outbox-\d+-\d+$/);
      expect(again.key).toBe(first.key);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.idempotencyKey).toBe(first.key);
      // Not before the claim ran out, and as soon after as the restarted instance swept.
      const gap = again.at - first.at;
      expect(gap).toBeGreaterThanOrEqual(LEASE_MS - 1_000);
      const due = Math.max(first.at + LEASE_MS, backAt);
      expect(again.at - due).toBeLessThan(SWEEP_SECONDS * 1000 + 3_000);
      // And then it is sent: no third time.
      await sleep(SWEEP_SECONDS * 3000);
      expect(received.length).toBe(2);
    } finally {
      await server?.stop();
      await new Promise((r) => gateway.close(r));
      await pgDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
