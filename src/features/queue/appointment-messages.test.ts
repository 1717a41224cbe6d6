import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { outbox } from "../../core/tables.js";
import { sendAppointmentReminders } from "./sweeps.js";

// R-NOTIFY (issue 16): an appointment's SMS — the confirmation with the booking, a reminder the day before
// and one an hour before — each once, through the outbox; none for a cancelled appointment.
describe("appointment messages", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  const book = async (inMs: number, phone: string) => {
    const res = await t.api("POST", `/api/halls/${t.demo.hallId}/appointments`, {
      token: admin,
      body: { businessType: "consultation", slotStart: new Date(Date.now() + inMs).toISOString(), phone },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const sent = (phone: string) =>
    t.database.db
      .select({ key: outbox.dedupeKey, body: outbox.body })
      .from(outbox)
      .where(eq(outbox.recipient, phone))
      .orderBy(outbox.id);
  const H = 3_600_000;

  it("should confirm a booking, remind the day before and an hour before, once each", async () => {
    const id = await book(30 * H, "13900002001");
    const confirm = await sent("13900002001");
    expect(confirm.map((m) => m.key)).toEqual([`appointment:${id}:confirm`]);
    expect(confirm[0].body).toMatch(/^【陆家嘴自营厅】您已预约.+办理.+，请按时到厅/);
    // Now: 30 h ahead, nothing owed yet.
    expect(await sendAppointmentReminders(t.app.ctx)).toBe(0);
    // 23 h before the slot: the day-before reminder, once however often swept.
    const dayBefore = new Date(Date.now() + 7 * H);
    expect(await sendAppointmentReminders(t.app.ctx, dayBefore)).toBe(1);
    expect(await sendAppointmentReminders(t.app.ctx, dayBefore)).toBe(0);
    // 50 minutes before: the hour reminder.
    const hourBefore = new Date(Date.now() + 30 * H - 50 * 60_000);
    expect(await sendAppointmentReminders(t.app.ctx, hourBefore)).toBe(1);
    expect(await sendAppointmentReminders(t.app.ctx, hourBefore)).toBe(0);
    expect((await sent("13900002001")).map((m) => m.key)).toEqual([
      `appointment:${id}:confirm`,
      `appointment:${id}:day`,
      `appointment:${id}:hour`,
    ]);
  });

  it("should owe no reminder whose time had passed at booking, and none to a cancelled appointment", async () => {
    // Booked two hours ahead: the confirmation stands for the day-before reminder.
    const soon = await book(2 * H, "13900002002");
    const cancelled = await book(2 * H, "13900002003");
    await t.database.db.execute(sql`UPDATE appointments SET status = 'cancelled' WHERE id = ${cancelled}`);
    const at = new Date(Date.now() + 2 * H - 30 * 60_000);
    expect(await sendAppointmentReminders(t.app.ctx, new Date())).toBe(0);
    expect(await sendAppointmentReminders(t.app.ctx, at)).toBe(1);
    expect((await sent("13900002002")).map((m) => m.key)).toEqual([
      `appointment:${soon}:confirm`,
      `appointment:${soon}:hour`,
    ]);
    expect((await sent("13900002003")).map((m) => m.key)).toEqual([`appointment:${cancelled}:confirm`]);
  });
});
