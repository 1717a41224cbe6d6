import { and, eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { AppError, illegalState } from "../../core/errors.js";
import { publishEvent, withEvents } from "../../core/events.js";
import type { Hall } from "../halls/contract.js";
import { getBusinessType } from "../halls/data.js";
import { findAppointment, getVisit, presentVisit } from "./data.js";
import { addVisitNode } from "./effects.js";
import { type Actor, checkBusinessAllowed, issueTicket } from "./mutations.js";
import { GREETING_LIMIT_SECONDS } from "./rules.js";
import { appointments, breaches, tickets, visitNodes, visits } from "./tables.js";

/**
 * R-VISIT: a staff action on the floor or at the counter marks a blueprint node of a visit. A greeting
 * (Z1) with no visit starts one; its delay after entry is checked against the 1-minute limit (R-TIME).
 */
export async function recordVisitNode(
  db: Db,
  hall: Hall,
  input: { node: string; ticketId?: string; visitId?: string; note?: string; enteredAt?: string },
  actor: Actor,
  now = new Date(),
) {
  return withEvents(db, async (tx) => {
    let visitId = input.visitId;
    if (input.ticketId) {
      const [t] = await tx
        .select({ visitId: tickets.visitId })
        .from(tickets)
        .where(and(eq(tickets.id, input.ticketId), eq(tickets.hallId, hall.id)));
      if (!t) throw new AppError("not_found", "Ticket not found");
      if (visitId && visitId !== t.visitId)
        throw new AppError("invalid_input", "The ticket belongs to another visit");
      visitId = t.visitId;
    }
    if (!visitId) {
      if (input.node !== "Z1")
        throw new AppError("invalid_input", "Name a ticketId or visitId (only a greeting Z1 starts a visit)");
      const enteredAt = input.enteredAt ? new Date(input.enteredAt) : now;
      if (enteredAt.getTime() > now.getTime() + 60_000)
        throw new AppError("invalid_input", "enteredAt is in the future");
      [{ id: visitId }] = await tx
        .insert(visits)
        .values({ hallId: hall.id, enteredAt })
        .returning({ id: visits.id });
    }
    const visit = await getVisit(tx, hall.id, visitId);
    await addVisitNode(tx, {
      visitId,
      hallId: hall.id,
      node: input.node,
      ticketId: input.ticketId ?? null,
      actorId: actor.userId,
      note: input.note ?? null,
    });
    if (input.node === "Z1" && now.getTime() - visit.enteredAt.getTime() > GREETING_LIMIT_SECONDS * 1000) {
      const inserted = await tx
        .insert(breaches)
        .values({ hallId: hall.id, visitId, kind: "greeting", limitSeconds: GREETING_LIMIT_SECONDS })
        .onConflictDoNothing()
        .returning();
      if (inserted.length) {
        await tx.update(visits).set({ greetingBreached: true }).where(eq(visits.id, visitId));
        await publishEvent(tx, hall.id, "limit.breached", {
          kind: "greeting",
          visitId,
          limitSeconds: GREETING_LIMIT_SECONDS,
        });
      }
    }
    const [v, nodes, ts] = await Promise.all([
      getVisit(tx, hall.id, visitId),
      tx.select().from(visitNodes).where(eq(visitNodes.visitId, visitId)).orderBy(visitNodes.at),
      tx
        .select({ id: tickets.id, number: tickets.number, status: tickets.status })
        .from(tickets)
        .where(eq(tickets.visitId, visitId)),
    ]);
    return presentVisit(v, nodes, ts);
  });
}

export async function bookAppointment(
  db: Db,
  hall: Hall,
  input: { businessType: string; slotStart: string; slotMinutes: number; phone: string; name?: string },
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
  const [a] = await db
    .insert(appointments)
    .values({
      hallId: hall.id,
      businessType: bt.code,
      slotStart,
      slotEnd,
      phone: input.phone,
      name: input.name ?? null,
    })
    .returning();
  return a;
}

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
  if (a.status !== "booked") throw illegalState("appointment", a.status, "check in");
  // Up to 15 minutes early is within the slot's welcome; after its end it is a walk-in.
  const early = a.slotStart.getTime() - 15 * 60_000;
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
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(appointments)
      .set({ status: "checked_in" })
      .where(and(eq(appointments.id, a.id), eq(appointments.status, "booked")))
      .returning();
    if (claimed.length === 0) throw illegalState("appointment", "checked_in", "check in");
    const queueAt = a.slotStart < now ? a.slotStart : now;
    const input = {
      businessType: a.businessType,
      phone: a.phone,
      channel: "appointment" as const,
      queueAt,
      appointmentId: a.id,
    };
    const t = await issueTicket(tx as unknown as Db, hall, input, actor, timeZone, now);
    await tx.update(appointments).set({ ticketId: t.id }).where(eq(appointments.id, a.id));
    return t;
  });
}
