import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { outbox } from "../../core/tables.js";
import { evaluations, ratingLinks } from "./tables.js";

// R-EVAL by SMS: finishing a ticket that has a phone number queues one SMS with a link; the customer
// rates once on a phone within 72 hours, joined to the ticket's counter, person, business type and wait.
describe("rating by SMS link", () => {
  let t: TestApp;
  let manager: string;
  let staff: string;
  let counterId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    staff = await t.token("counter1");
    const counters = (await t.api("GET", `/api/halls/${t.demo.hallId}/counters`, { token: manager })).json();
    counterId = counters.find((c: { number: number }) => c.number === 1).id;
    await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counterId}/open`, { token: staff, body: {} });
  });
  afterAll(() => t.close());

  /** Issues, calls, serves and finishes one ticket at counter 1; the link from its SMS, if any. */
  async function serve(phone?: string) {
    const issued = await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment", ...(phone ? { phone } : {}) },
    });
    const ticketId = issued.json().id as string;
    await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counterId}/call`, {
      token: staff,
      body: { ticketId },
    });
    await t.api("POST", `/api/tickets/${ticketId}/start`, { token: staff });
    const done = await t.api("POST", `/api/tickets/${ticketId}/finish`, {
      token: staff,
      body: { outcome: "completed" },
    });
    expect(done.statusCode, done.body).toBe(200);
    const sms = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `rating:${ticketId}`));
    const token = sms[0]?.body.match(/\/r\/([A-Za-z0-9_-]{22})$/)?.[1];
    return { ticketId, sms, token };
  }
  const rate = (token: string, rating = "satisfied") =>
    t.api("POST", `/api/public/ratings/${token}`, { body: { rating, reasons: ["efficient"] } });

  it("should send one SMS with a link, and take the customer's one rating through it", async () => {
    const { ticketId, sms, token } = await serve("13812345678");
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: "sms", recipient: "13812345678", hallId: t.demo.hallId });
    expect(sms[0].body).toMatch(/^【陆家嘴自营厅】.*https?:\/\/[^/]+\/r\/[A-Za-z0-9_-]{22}$/);
    // Only the token's hash is kept.
    const [link] = await t.database.db.select().from(ratingLinks).where(eq(ratingLinks.ticketId, ticketId));
    expect(link.tokenHash).not.toContain(token);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);

    const page = await t.api("GET", `/api/public/ratings/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ hallName: "陆家嘴自营厅", counterLabel: "1号窗口", state: "open" });
    expect(page.body).not.toContain("1381234");
    const rated = await rate(token!);
    expect(rated.statusCode, rated.body).toBe(201);
    const [row] = await t.database.db.select().from(evaluations).where(eq(evaluations.ticketId, ticketId));
    expect(row).toMatchObject({ channel: "sms", counterId, businessType: "payment", rating: "satisfied" });
    expect(row.staffId).not.toBeNull();
    expect(row.waitSeconds).not.toBeNull();
    // Once: the link says so, a second answer is refused, and the pad may not rate it now either.
    expect((await t.api("GET", `/api/public/ratings/${token}`)).json().state).toBe("answered");
    const again = await rate(token!, "very_unsatisfied");
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_rated");
    const pad = t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counterId)!.token;
    const onPad = await t.api("POST", `/api/tickets/${ticketId}/evaluation`, {
      token: pad,
      body: { rating: "neutral" },
    });
    expect(onPad.statusCode).toBe(409);
    // The roll-ups count it like a pad rating.
    const byCounter = (
      await t.api("GET", `/api/halls/${t.demo.hallId}/ratings?by=counter`, { token: manager })
    ).json();
    expect(byCounter.total.count).toBe(1);
  });

  it("should send nothing for a ticket without a phone number", async () => {
    const { sms, ticketId } = await serve();
    expect(sms).toHaveLength(0);
    expect(await t.database.db.select().from(ratingLinks).where(eq(ratingLinks.ticketId, ticketId))).toEqual(
      [],
    );
  });

  it("should store one rating when two answers race, and refuse an expired link", async () => {
    const first = await serve("13912345678");
    const answers = await Promise.all([rate(first.token!, "satisfied"), rate(first.token!, "neutral")]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const stored = await t.database.db
      .select()
      .from(evaluations)
      .where(eq(evaluations.ticketId, first.ticketId));
    expect(stored).toHaveLength(1);

    const late = await serve("13712345678");
    await t.database.db
      .update(ratingLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(ratingLinks.ticketId, late.ticketId));
    expect((await t.api("GET", `/api/public/ratings/${late.token}`)).json().state).toBe("expired");
    const refused = await rate(late.token!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("rating_link_expired");
    // An unknown token is nobody's link.
    expect((await t.api("GET", `/api/public/ratings/${"x".repeat(22)}`)).statusCode).toBe(404);
    expect(await t.database.db.select().from(outbox).where(like(outbox.dedupeKey, "rating:%"))).toHaveLength(
      3,
    );
  });
});
