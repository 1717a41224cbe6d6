import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import { withEvents } from "../../core/events/write.js";
import { enqueueMessage } from "../../core/outbox.js";
import { ERASE_EVERY_MS, eraseOldest, retentionCutoff } from "../../core/retention.js";
import { paced } from "../../core/sweeper.js";
import { localParts } from "../../core/time.js";
import { getHall, listBusinessTypes } from "../halls/data.js";
import { type AppointmentReminder, appointmentText, REMINDER_LEAD_MS } from "./appointment-messages.js";
import { recordBreach, recordGreetingBreaches } from "./mutations/effects.js";
import { greetingLimitOf, greetingOverdue } from "./rules.js";
import { appointments, journeys, tickets } from "./tables.js";

/**
 * R-TIME breaches "as they happen": a waiting ticket past its waiting limit, or a service past its
 * handling limit, is recorded without waiting for the call or the finish. recordBreach inserts under a
 * unique (ticket, kind) index, so several instances sweeping at once record and announce it once.
 */
export async function sweepBreaches(ctx: AppContext) {
  const { db } = ctx;
  const overdue = await db
    .select()
    .from(tickets)
    .where(
      and(
        inArray(tickets.status, ["waiting", "serving"]),
        sql`(
          (${tickets.status} = 'waiting'
            AND NOT EXISTS (SELECT 1 FROM breaches b WHERE b.ticket_id = ${tickets.id} AND b.kind = 'wait')
            AND ${tickets.issuedAt} < now() - make_interval(secs => ${tickets.waitLimitSeconds}))
          OR (${tickets.status} = 'serving' AND NOT ${tickets.handlingBreached}
            AND ${tickets.startedAt} < now() - make_interval(secs => ${tickets.handlingLimitSeconds})))`,
      ),
    )
    .limit(500);
  const now = Date.now();
  for (const t of overdue) {
    await withEvents(db, async (work) => {
      if (t.status === "waiting") {
        // A waiting ticket is not locked here: call-next must stay free to take it (SKIP LOCKED).
        const seconds = Math.round((now - t.issuedAt.getTime()) / 1000);
        await recordBreach(work, t.hallId, t, "wait", t.waitLimitSeconds, seconds);
        return;
      }
      // A service: lock the ticket first (rows before the hall's event lock) and check it still runs.
      const [current] = await work.tx.select().from(tickets).where(eq(tickets.id, t.id)).for("update");
      if (current?.status !== "serving" || !current.startedAt) return;
      const seconds = Math.round((now - current.startedAt.getTime()) / 1000);
      await recordBreach(work, t.hallId, current, "handling", t.handlingLimitSeconds, seconds);
    });
  }
  return overdue.length;
}

// A visit that waits this long ungreeted after a pause of the sweeps (a restart) is no longer sought.
const GREETING_LOOKBACK_MS = 2 * 3_600_000;

/**
 * R-TIME greeting: a visit nobody greets (no Z1) within its hall's greetingLimitSeconds of its ticket is a
 * greeting breach as soon as the limit passes, not only when someone records a late Z1. Reads the
 * ungreeted, unbreached visits of the last hours by their partial index; `now` moves in tests.
 */
export async function sweepGreetings(ctx: AppContext, now = new Date()) {
  const { db } = ctx;
  const waiting = await db
    .select({ id: journeys.id, hallId: journeys.hallId, enteredAt: journeys.enteredAt })
    .from(journeys)
    .where(
      and(
        isNull(journeys.greetedAt),
        eq(journeys.greetingBreached, false),
        gt(journeys.enteredAt, new Date(now.getTime() - GREETING_LOOKBACK_MS)),
        // No hall's limit is shorter than 10 s.
        lt(journeys.enteredAt, new Date(now.getTime() - 10_000)),
      ),
    )
    .orderBy(journeys.enteredAt)
    .limit(500);
  // A hall at a time: its limit read once, its overdue visits recorded in one unit of work.
  let recorded = 0;
  for (const hallId of new Set(waiting.map((v) => v.hallId))) {
    const limit = greetingLimitOf(await getHall(db, hallId));
    const overdue = waiting.filter((v) => v.hallId === hallId && greetingOverdue(v.enteredAt, now, limit));
    if (!overdue.length) continue;
    recorded += await withEvents(db, (work) =>
      recordGreetingBreaches(
        work,
        hallId,
        overdue.map((v) => v.id),
        limit,
      ),
    );
  }
  return recorded;
}

/**
 * R-PRIVACY retention: a ticket of a day before `before` and an appointment whose slot ended before it
 * lose their phone numbers (a batch of each a pass).
 */
export async function eraseQueuePhones(db: Db, before: Date, timeZone: string) {
  const day = localParts(before, timeZone).date;
  const t = await eraseOldest(db, tickets, {
    column: tickets.phone,
    value: null,
    where: and(lt(tickets.serviceDate, day), isNotNull(tickets.phone)),
    oldest: tickets.serviceDate,
  });
  const a = await eraseOldest(db, appointments, {
    column: appointments.phone,
    value: "",
    where: and(lt(appointments.slotEnd, before), ne(appointments.phone, "")),
    oldest: appointments.slotEnd,
  });
  return t + a;
}

/**
 * R-NOTIFY: an appointment's reminders — the day before its slot and an hour before — each once: the
 * appointment row is marked in the transaction that writes the SMS, so instances sweeping together send it
 * once, and a cancelled or checked-in appointment is owed none. Reads the index of slots still owed one.
 */
const REMINDERS_PER_PASS = 200;

export async function sendAppointmentReminders(ctx: AppContext, now = new Date()) {
  const { db } = ctx;
  const horizon = new Date(now.getTime() + REMINDER_LEAD_MS.day);
  const owed = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.status, "booked"),
        sql`(${appointments.remindedDayAt} IS NULL OR ${appointments.remindedHourAt} IS NULL)`,
        gt(appointments.slotStart, now),
        lte(appointments.slotStart, horizon),
      ),
    )
    .orderBy(appointments.slotStart)
    .limit(REMINDERS_PER_PASS);
  if (!owed.length) return 0;
  let sent = 0;
  const names = new Map((await listBusinessTypes(db)).map((b) => [b.code, b.name]));
  for (const a of owed) {
    const lead = a.slotStart.getTime() - now.getTime();
    const kind: AppointmentReminder | null =
      lead <= REMINDER_LEAD_MS.hour && !a.remindedHourAt ? "hour" : !a.remindedDayAt ? "day" : null;
    if (!kind) continue;
    const hall = await getHall(db, a.hallId);
    sent += await db.transaction(async (tx) => {
      const column = kind === "hour" ? appointments.remindedHourAt : appointments.remindedDayAt;
      const marked = await tx
        .update(appointments)
        .set(
          kind === "hour"
            ? { remindedHourAt: now, remindedDayAt: a.remindedDayAt ?? now }
            : { remindedDayAt: now },
        )
        .where(and(eq(appointments.id, a.id), eq(appointments.status, "booked"), isNull(column)))
        .returning({ id: appointments.id });
      if (!marked.length) return 0;
      await enqueueMessage(tx, {
        channel: "sms",
        recipient: a.phone,
        hallId: a.hallId,
        dedupeKey: `appointment:${a.id}:${kind}`,
        body: await appointmentText(
          tx,
          kind,
          hall,
          { slotStart: a.slotStart, businessName: names.get(a.businessType) ?? a.businessType },
          ctx.env.TINGWU_TIMEZONE,
        ),
        payload: { appointmentId: a.id, kind: `appointment_${kind}` },
      });
      return 1;
    });
  }
  return sent;
}

export function registerQueueSweeps(ctx: AppContext) {
  ctx.sweeper.add({ name: "appointment-reminders", run: () => sendAppointmentReminders(ctx) });
  ctx.sweeper.add({
    name: "queue-retention",
    run: paced(ERASE_EVERY_MS, () =>
      eraseQueuePhones(ctx.db, retentionCutoff(ctx.env), ctx.env.TINGWU_TIMEZONE),
    ),
  });
  ctx.sweeper.add({ name: "queue-breaches", run: () => sweepBreaches(ctx) });
  ctx.sweeper.add({ name: "queue-greetings", run: () => sweepGreetings(ctx) });
}
