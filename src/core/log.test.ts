import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp, testEnv } from "../../test/helpers.js";
import { loggerOptions, scrubText } from "./log.js";
import { logAdapter, type OutboxMessage } from "./outbox.js";

// R-PRIVACY: no phone number, ID number, password hash or token in a log line — checked on the lines the
// app really writes, with a query that fails holding a phone number and an argon2 hash.

const PHONE = "13812345678";
const ID_NUMBER = "11010519491231002X";

/** A stream that keeps every line written to it. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("what the log keeps", () => {
  let t: TestApp;
  const log = capture();

  beforeAll(async () => {
    // The app's own logger, as it runs in production, writing to the capture.
    t = await buildTestApp({
      logger: undefined,
      logStream: log.stream,
      env: testEnv({ TINGWU_LOG_LEVEL: "info" }),
    });
  });
  afterAll(() => t.close());

  it("should log a failed query without its phone number or password hash", async () => {
    const admin = await t.token("admin");
    // Make the two inserts fail inside the database, with their parameters bound.
    await t.database.db.execute(
      sql.raw(`ALTER TABLE tickets ADD CONSTRAINT log_test_phone CHECK (phone IS DISTINCT FROM '${PHONE}')`),
    );
    await t.database.db.execute(
      sql.raw(`ALTER TABLE users ADD CONSTRAINT log_test_name CHECK (display_name <> '会失败')`),
    );
    const ticket = await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
      token: admin,
      body: { businessType: "payment", phone: PHONE },
    });
    const user = await t.api("POST", "/api/users", {
      token: admin,
      body: { username: "fails", displayName: "会失败", password: "a-long-password", role: "inspector" },
    });
    expect([ticket.statusCode, user.statusCode]).toEqual([500, 500]);

    const errors = log.lines.filter((l) => JSON.parse(l).level >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const line of errors) {
      expect(line).not.toContain(PHONE);
      expect(line).not.toMatch(/\$argon2/);
      expect(line).toContain(JSON.parse(line).reqId); // still says which request failed
    }
    // And the failures are still there to read: which statement, which constraint.
    expect(errors.join("\n")).toMatch(/log_test_phone/);
    expect(errors.join("\n")).toMatch(/log_test_name/);
    expect(log.lines.join("\n")).not.toContain(PHONE);
  });

  it("should log the outbox's messages with the recipient and the numbers in the text masked", async () => {
    const plain = capture(); // a logger that scrubs nothing: the adapter itself must mask
    const adapter = logAdapter(pino({}, plain.stream));
    const message = { id: 1, channel: "sms", recipient: PHONE, body: `回电 ${PHONE}，号码 ${PHONE}` };
    await adapter.deliver(message as OutboxMessage);
    await adapter.deliver({
      ...message,
      channel: "email",
      recipient: "zhang.san@example.com",
    } as OutboxMessage);
    const [sms, email] = plain.lines.map((l) => JSON.parse(l).outbox);
    expect(sms).toMatchObject({ recipient: "138****5678", body: "回电 138****5678，号码 138****5678" });
    expect(email.recipient).toBe("z***@example.com");
    expect(plain.lines.join("\n")).not.toContain(PHONE);
  });

  it("should redact secret fields and scrub every line of any logger built with the app's options", () => {
    const lines = capture();
    const logger = pino(loggerOptions("info", lines.stream), lines.stream);
    const token = `tok_${"A".repeat(43)}`;
    logger.info(
      {
        req: { headers: { authorization: `Bearer ${token}`, cookie: "tingwu_session=ses_xyz" } },
        nested: { a: { password: "p" } },
      },
      `signed in with ${token}, id ${ID_NUMBER}, mobile +86${PHONE}`,
    );
    logger.error(
      new Error(
        `Failed query: insert into users values ($1, $2)\nparams: ${PHONE},$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA`,
      ),
    );
    const text = lines.lines.join("\n");
    for (const secret of [token, ID_NUMBER, PHONE, "$argon2id", "ses_xyz", '"p"'])
      expect(text).not.toContain(secret);
    expect(text).toContain("tok_[redacted]");
    expect(text).toContain("Failed query");
  });

  it("should mask what looks like a phone, an ID number, a hash or a token in any text", () => {
    expect(scrubText(`call ${PHONE} or 021-62345678`)).toBe("call 138****5678 or 021****78");
    expect(scrubText(`身份证 ${ID_NUMBER}。`)).toBe("身份证 [id-number]。");
    expect(scrubText("hash=$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA end")).toBe("hash=[argon2-hash] end");
    expect(scrubText(`dev_${"x".repeat(43)}`)).toBe("dev_[redacted]");
    expect(scrubText("评价：https://tingwu.example/r/AbCdEfGhIjKlMnOpQrStUv")).toBe(
      "评价：https://tingwu.example/r/[redacted]",
    );
    expect(scrubText("GET /api/public/ratings/AbCdEfGhIjKlMnOpQrStUv")).toBe(
      "GET /api/public/ratings/[redacted]",
    );
    // Not everything long and numeric is a phone number: ids, times and amounts stay.
    expect(scrubText("ticket 1732512345678 took 12345678901234 ns, A023")).toBe(
      "ticket 1732512345678 took 12345678901234 ns, A023",
    );
  });
});
