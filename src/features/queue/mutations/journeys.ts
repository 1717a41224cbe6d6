import { and, asc, desc, eq, gt, gte, lt } from "drizzle-orm";
import type { Db } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import { withEvents } from "../../../core/events/write.js";
import { enqueueMessage } from "../../../core/outbox.js";
import type { Hall } from "../../halls/contract.js";
import { getBusinessType } from "../../halls/data.js";
import { appointmentText, REMINDER_LEAD_MS } from "../appointment-messages.js";
import { findAppointment, getJourney, presentJourney } from "../data.js";
import {
  APPOINTMENT_EARLY_MINUTES,
  greetingLimitOf,
  greetingOverdue,
  RECEPTION_IDLE_MINUTES,
} from "../rules.js";
import type { Actor } from "../steps/access.js";
import { checkBusinessAllowed } from "../steps/business.js";
import { issueTicket } from "../steps/issue.js";
import { appointments, journeyNodes, journeys, tickets } from "../tables.js";
import { addJourneyNode, recordGreetingBreach } from "./effects.js";

/**
 * R-VISIT: a staff action on the floor or at the counter marks a blueprint node of a visit. A greeting
 * (Z1) with no visit starts one; its delay after entry is checked against the 1-minute limit (R-TIME).
 */
export async function recordJourneyNode(
  db: Db,
  hall: Hall,
  input: { node: string; ticketId?: string; visitId?: string; note?: string; enteredAt?: string },
  actor: Actor,
  now = new Date(),
) {
  return withEvents(db, async (work) => {
    const { tx } = work;
    let visitId = input.visitId;
    if (input.ticketId) {
      const [t] = await tx
        .select({ visitId: tickets.visitId })
        .from(tickets)
        .where(and(eq(tickets.id, input.ticketId), eq(tickets.hallId, hall.id)));
      if (!t) throw new AppError("not_found", "Ticket not found");
      if (visitId && visitId !== t.visitId)
        throw new AppError("rule_violation", "The ticket belongs to another visit", {
          ticketId: input.ticketId,
        });
      visitId = t.visitId;
    }
    if (!visitId) {
      if (input.node !== "Z1")
        throw new AppError("invalid_input", "Name a ticketId or visitId (only a greeting Z1 starts a visit)");
      const enteredAt = input.enteredAt ? new Date(input.enteredAt) : now;
      if (enteredAt.getTime() > now.getTime() + 60_000)
        throw new AppError("invalid_input", "enteredAt is in the future");
      [{ id: visitId }] = await tx
        .insert(journeys)
        .values({ hallId: hall.id, enteredAt })
        .returning({ id: journeys.id });
    }
    const visit = await getJourney(tx, hall.id, visitId);
    await addJourneyNode(work, {
      visitId,
      hallId: hall.id,
      node: input.node,
      ticketId: input.ticketId ?? null,
      actorId: actor.userId,
      note: input.note ?? null,
    });
    if (input.node === "Z1" && !visit.greetedAt) {
      await tx.update(journeys).set({ greetedAt: now }).where(eq(journeys.id, visitId));
      const limit = greetingLimitOf(hall);
      if (greetingOverdue(visit.enteredAt, now, limit))
        await recordGreetingBreach(work, hall.id, visitId, limit);
    }
    const [v, nodes, ts] = await Promise.all([
      getJourney(tx, hall.id, visitId),
      tx.select().from(journeyNodes).where(eq(journeyNodes.visitId, visitId)).orderBy(journeyNodes.at),
      tx
        .select({ id: tickets.id, number: tickets.number, status: tickets.status })
        .from(tickets)
        .where(eq(tickets.visitId, visitId)),
    ]);
    return presentJourney(v, nodes, ts);
  });
}

export async function bookAppointment(
  db: Db,
  hall: Hall,
  input: { businessType: string; slotStart: string; slotMinutes: number; phone: string; name?: string },
  timeZone: string,
  now = new Date(),
) {
  const bt = await getBusinessType(db, input.businessType).catch(() => {
    throw new AppError("invalid_input", `Unknown business type ${input.businessType}`);
  });
  await checkBusinessAllowed(db, hall, bt);
  const slotStart = new Date(input.slotStart);
  if (slotStart.getTime() < now.getTime() - 60_000)
    throw new AppError("rule_violation", "The slot has already begun");
  const slotEnd = new Date(slotStart.getTime() + input.slotMinutes * 60_000);
  // A reminder whose time has passed at booking is not owed: the confirmation says as much.
  const lead = slotStart.getTime() - now.getTime();
  return db.transaction(async (tx) => {
    const [a] = await tx
      .insert(appointments)
      .values({
        hallId: hall.id,
        businessType: bt.code,
        slotStart,
        slotEnd,
        phone: input.phone,
        name: input.name ?? null,
        remindedDayAt: lead <= REMINDER_LEAD_MS.day ? now : null,
        remindedHourAt: lead <= REMINDER_LEAD_MS.hour ? now : null,
      })
      .returning();
    // R-NOTIFY: the confirmation leaves with the booking or not at all.
    await enqueueMessage(tx, {
      channel: "sms",
      recipient: a.phone,
      hallId: hall.id,
      dedupeKey: `appointment:${a.id}:confirm`,
      body: await appointmentText(tx, "confirm", hall, { slotStart, businessName: bt.name }, timeZone),
      payload: { appointmentId: a.id, kind: "appointment_confirm" },
    });
    return a;
  });
}

const appointmentNotBooked = (state: string) =>
  new AppError("appointment_not_booked", `Cannot check in an appointment that is ${state}`, { state });

/** Check-in within the slot issues a ticket placed at the slot start: ahead of walk-ins who came later. */
export async function checkInAppointment(
  db: Db,
  hall: Hall,
  appointmentId: string,
  actor: Actor,
  timeZone: string,
  now = new Date(),
) {
  const a = await findAppointment(db, appointmentId);
  if (a.hallId !== hall.id) throw new AppError("not_found", "Appointment not found");
  if (a.status !== "booked") throw appointmentNotBooked(a.status);
  // Up to 15 minutes early is within the slot's welcome; after its end it is a walk-in.
  const early = a.slotStart.getTime() - APPOINTMENT_EARLY_MINUTES * 60_000;
  if (now.getTime() < early || now.getTime() > a.slotEnd.getTime()) {
    throw new AppError(
      "rule_violation",
      "Check-in is possible from 15 minutes before the slot until its end",
      {
        slotStart: a.slotStart.toISOString(),
        slotEnd: a.slotEnd.toISOString(),
      },
    );
  }
  // One transaction: the appointment is checked in if and only if its ticket exists.
  return withEvents(db, async (work) => {
    const { tx } = work;
    const claimed = await tx
      .update(appointments)
      .set({ status: "checked_in" })
      .where(and(eq(appointments.id, a.id), eq(appointments.status, "booked")))
      .returning();
    if (claimed.length === 0) throw appointmentNotBooked("checked_in");
    const queueAt = a.slotStart < now ? a.slotStart : now;
    const input = {
      businessType: a.businessType,
      phone: a.phone,
      channel: "appointment" as const,
      queueAt,
      appointmentId: a.id,
    };
    const t = await issueTicket(work, hall, input, actor, timeZone, now);
    await tx.update(appointments).set({ ticketId: t.id }).where(eq(appointments.id, a.id));
    return t;
  });
}

/**
 * 我有预约: the kiosk's check-in. The customer gives their phone; today's booked appointment of this
 * hall whose check-in window is open now is checked in and its ticket issued. Nothing else is read or
 * answered — no list, no names: a device learns only the ticket, or when to come back.
 */
export async function checkInByPhone(
  db: Db,
  hall: Hall,
  phone: string,
  day: { from: Date; to: Date },
  actor: Actor,
  timeZone: string,
  now = new Date(),
) {
  const booked = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.hallId, hall.id),
        eq(appointments.phone, phone),
        eq(appointments.status, "booked"),
        gte(appointments.slotStart, day.from),
        lt(appointments.slotStart, day.to),
      ),
    )
    .orderBy(asc(appointments.slotStart));
  if (booked.length === 0)
    throw new AppError(
      "not_found",
      "今天没有这个号码在本厅的预约 / No appointment here today for this number",
    );
  const early = APPOINTMENT_EARLY_MINUTES * 60_000;
  const due = booked.find(
    (a) => now.getTime() >= a.slotStart.getTime() - early && now.getTime() <= a.slotEnd.getTime(),
  );
  if (!due) {
    // The next slot still to come, or else the last one missed: the customer is told when it is.
    const next = booked.find((a) => a.slotStart.getTime() - early > now.getTime()) ?? booked.at(-1)!;
    throw new AppError(
      "rule_violation",
      "Check-in is possible from 15 minutes before the slot until its end",
      { slotStart: next.slotStart.toISOString(), slotEnd: next.slotEnd.toISOString() },
    );
  }
  return checkInAppointment(db, hall, due.id, actor, timeZone, now);
}

/**
 * R-VISIT: the reception a floor or desk staff member has in progress — the latest visit whose last
 * node they recorded within RECEPTION_IDLE_MINUTES and that has had no farewell (Z9) — so their screen
 * picks it up again after a reload. A visit someone else acted on since (a counter's Z5) is theirs now.
 */
export async function currentReception(db: Db, hall: Hall, userId: string, now = new Date()) {
  const since = new Date(now.getTime() - RECEPTION_IDLE_MINUTES * 60_000);
  const [mine] = await db
    .select({ visitId: journeyNodes.visitId })
    .from(journeyNodes)
    .where(
      and(eq(journeyNodes.actorId, userId), gt(journeyNodes.at, since), eq(journeyNodes.hallId, hall.id)),
    )
    .orderBy(desc(journeyNodes.at))
    .limit(1);
  if (!mine) return null;
  const [visit, nodes, ts] = await Promise.all([
    getJourney(db, hall.id, mine.visitId),
    db.select().from(journeyNodes).where(eq(journeyNodes.visitId, mine.visitId)).orderBy(journeyNodes.at),
    db
      .select({ id: tickets.id, number: tickets.number, status: tickets.status })
      .from(tickets)
      .where(eq(tickets.visitId, mine.visitId)),
  ]);
  const last = nodes.at(-1);
  if (!last || last.actorId !== userId || nodes.some((n) => n.node === "Z9")) return null;
  return presentJourney(visit, nodes, ts);
}
