import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, maskPhone, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { appointmentBody, appointmentSchema, ticketSchema, visitNodeBody, visitSchema } from "./contract.js";
import { findAppointment, listAppointments, listVisits, presentTicket } from "./data.js";
import { bookAppointment, checkInAppointment, recordVisitNode } from "./visits.js";

const dateQuery = z.object({
  date: z.iso.date().optional(), // a real day: 2026-02-30 is refused, not a 500
});
type AppointmentRow = Awaited<ReturnType<typeof findAppointment>>;
const presentAppointment = (a: AppointmentRow) => ({
  ...a,
  phone: maskPhone(a.phone)!,
  slotStart: a.slotStart.toISOString(),
  slotEnd: a.slotEnd.toISOString(),
});

export async function visitRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;
  const dayRange = (date?: string) => {
    const d = date ?? localParts(new Date(), tz).date;
    return [zonedInstant(d, 0, tz), zonedInstant(d, 24 * 60, tz)] as const;
  };

  app.post(
    "/api/halls/:hallId/visit-nodes",
    {
      schema: {
        tags: ["visits"],
        summary: "Record a staff action at a blueprint node (Z1 greeting … Z9 farewell)",
        params: hallIdParams,
        body: visitNodeBody,
        response: { 200: visitSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.floor", hall);
      return recordVisitNode(db, hall, req.body, { userId: userOf(p) });
    },
  );

  app.get(
    "/api/halls/:hallId/visits",
    {
      schema: {
        tags: ["visits"],
        summary: "The day's visits with their node times (R-VISIT)",
        params: hallIdParams,
        querystring: dateQuery,
        response: { 200: z.array(visitSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.read", hall);
      const [from, to] = dayRange(req.query.date);
      return listVisits(db, hall.id, from, to);
    },
  );

  app.post(
    "/api/halls/:hallId/appointments",
    {
      schema: {
        tags: ["appointments"],
        summary: "Book a slot (在线预约)",
        params: hallIdParams,
        body: appointmentBody,
        response: { 201: appointmentSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "ticket.floor", hall);
      return reply.status(201).send(presentAppointment(await bookAppointment(db, hall, req.body)));
    },
  );

  app.get(
    "/api/halls/:hallId/appointments",
    {
      schema: {
        tags: ["appointments"],
        params: hallIdParams,
        querystring: dateQuery,
        response: { 200: z.array(appointmentSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.read", hall);
      const [from, to] = dayRange(req.query.date);
      return (await listAppointments(db, hall.id, from, to)).map(presentAppointment);
    },
  );

  app.post(
    "/api/appointments/:id/check-in",
    {
      schema: {
        tags: ["appointments"],
        summary: "Check in: issues a ticket placed at the slot start",
        params: z.object({ id: z.uuid() }),
        response: { 201: ticketSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const a = await findAppointment(db, req.params.id);
      const hall = await getHall(db, a.hallId);
      const p = authorize(req.principal, "ticket.issue", hall);
      if (a.hallId !== hall.id) throw new AppError("not_found", "Appointment not found");
      const t = await checkInAppointment(db, hall, a.id, { userId: userOf(p) }, tz);
      return reply
        .status(201)
        .send({ ...presentTicket(t), ahead: t.ahead, estimatedWaitSeconds: t.estimatedWaitSeconds });
    },
  );
}
