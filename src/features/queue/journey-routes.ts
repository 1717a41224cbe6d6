import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, maskPhone, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { AppError, forbidden } from "../../core/errors.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import {
  appointmentBody,
  appointmentCheckInBody,
  appointmentSchema,
  journeyNodeBody,
  journeySchema,
  ticketSchema,
} from "./contract.js";
import { findAppointment, listAppointments, listJourneys, presentTicket } from "./data.js";
import {
  bookAppointment,
  checkInAppointment,
  checkInByPhone,
  currentReception,
  recordJourneyNode,
} from "./mutations/journeys.js";

const dateQuery = z.object({
  date: isoDay().optional(),
});
type AppointmentRow = Awaited<ReturnType<typeof findAppointment>>;
const presentAppointment = (a: AppointmentRow) => ({
  ...a,
  phone: maskPhone(a.phone)!,
  slotStart: a.slotStart.toISOString(),
  slotEnd: a.slotEnd.toISOString(),
});

export async function journeyRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
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
        body: journeyNodeBody,
        response: { 200: journeySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.floor", hall);
      return recordJourneyNode(db, hall, req.body, { userId: userOf(p) });
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
        response: { 200: z.array(journeySchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.read", hall);
      const [from, to] = dayRange(req.query.date);
      return listJourneys(db, hall.id, from, to);
    },
  );

  app.get(
    "/api/halls/:hallId/visits/current",
    {
      schema: {
        tags: ["visits"],
        summary: "The caller's reception in progress (a floor screen after a reload), or null",
        params: hallIdParams,
        response: { 200: z.object({ visit: journeySchema.nullable() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.floor", hall);
      const userId = userOf(p);
      if (!userId) throw forbidden("A reception is a person's");
      return { visit: await currentReception(db, hall, userId) };
    },
  );

  app.post(
    "/api/halls/:hallId/appointments/check-in",
    {
      config: { rateLimit: { max: ctx.limits.kioskPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ["appointments"],
        summary: "我有预约: check in today's appointment at this hall by phone; answers the ticket slip only",
        description:
          "The kiosk's one narrow act: today's booked appointment of this hall for the phone, within its check-in window (15 minutes before the slot until its end), is checked in and its ticket issued. 404 when there is none today; 422 with slotStart/slotEnd when it is not yet (or no longer) time.",
        params: hallIdParams,
        body: appointmentCheckInBody,
        response: { 201: ticketSchema, ...errors(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.issue", hall);
      const [from, to] = dayRange();
      const t = await checkInByPhone(db, hall, req.body.phone, { from, to }, { userId: userOf(p) }, tz);
      return reply
        .status(201)
        .send({ ...presentTicket(t), ahead: t.ahead, estimatedWaitSeconds: t.estimatedWaitSeconds });
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
      return reply.status(201).send(presentAppointment(await bookAppointment(db, hall, req.body, tz)));
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
        params: idParams,
        response: { 201: ticketSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const a = await findAppointment(db, req.params.id);
      const hall = await getHall(db, a.hallId);
      // Checking a customer in is the desk's and the floor's job; the kiosk issues walk-in tickets only.
      const p = authorize(req.principal, "ticket.floor", hall);
      if (a.hallId !== hall.id) throw new AppError("not_found", "Appointment not found");
      const t = await checkInAppointment(db, hall, a.id, { userId: userOf(p) }, tz);
      return reply
        .status(201)
        .send({ ...presentTicket(t), ahead: t.ahead, estimatedWaitSeconds: t.estimatedWaitSeconds });
    },
  );
}
