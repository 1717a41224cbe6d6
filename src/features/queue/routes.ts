import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  authorize,
  can,
  coversHall,
  mustBelong,
  type Principal,
  referenced,
  userOf,
} from "../../core/access.js";
import { logUnmask, unmaskQuery } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { withEvents } from "../../core/events/write.js";
import { pageSchema } from "../../core/paging.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { counterParams, counterSchema, hallIdParams, openCounterBody } from "../halls/contract.js";
import { checkCodes, getBusinessType, getCounter, getHall } from "../halls/data.js";
import { closeCounter, openCounter } from "../halls/mutations.js";
import { findActiveUser, userPrincipal } from "../users/data.js";
import { awayRoutes } from "./away-routes.js";
import { eventViewFor } from "./board.js";
import { boardRoutes } from "./board-routes.js";
import {
  breachSchema,
  callBody,
  divertSuggestionSchema,
  issueTicketBody,
  listTicketsQuery,
  queueSchema,
  ticketParams,
  ticketSchema,
} from "./contract.js";
import { listTickets } from "./data/ticket-list.js";
import { findTicket, listBreaches, positionOf, presentForCaller, presentTicket } from "./data.js";
import { divertSuggestions } from "./divert-suggestions.js";
import { hallEventStream } from "./events-contract.js";
import { journeyReportRoutes } from "./journey-report-routes.js";
import { journeyRoutes } from "./journey-routes.js";
import { kioskRequest } from "./kiosk.js";
import { refreshPeak } from "./mutations/effects.js";
import { recordPeakAction } from "./mutations/peak-episodes.js";
import { releaseCounterTargets } from "./mutations.js";
import { peakRoutes } from "./peak-routes.js";
import { publicRoutes } from "./public-routes.js";
import { queueView } from "./queue-view.js";
import type { TicketCapability } from "./rules.js";
import { screenRoutes } from "./screen-routes.js";
import { actorOf, callerOf } from "./steps/access.js";
import { callTicket } from "./steps/call.js";
import { callNext } from "./steps/call-next.js";
import { issueTicketNow } from "./steps/issue.js";
import { counterBusy } from "./steps/refusal.js";
import { ticketRoutes } from "./ticket-routes.js";

const tags = ["queue"];

export async function queueRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

  /** Loads a ticket and its hall and checks the caller may act on it; another hall's ticket is a 403. */
  async function ticketInScope(
    principal: Principal | undefined,
    id: string,
    capability: TicketCapability | "queue.read",
  ) {
    const t = await findTicket(db, id);
    const hall = await getHall(db, t.hallId);
    const p = authorize(principal, capability, hall);
    return { t, hall, p };
  }

  app.post(
    "/api/halls/:hallId/tickets",
    {
      config: { rateLimit: { max: ctx.limits.kioskPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Issue a ticket (取号)",
        params: hallIdParams,
        body: issueTicketBody,
        response: { 201: ticketSchema, ...errors(400, 401, 403, 404, 422, 429) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.issue", hall);
      // A kiosk's ticket is a kiosk ticket, VIP only when the customer proves it (kiosk.ts).
      const body = p.kind === "device" ? await kioskRequest(db, req.body) : req.body;
      const channel = body.channel ?? "staff";
      const t = await issueTicketNow(db, hall, { ...body, channel }, { userId: userOf(p) }, tz);
      return reply
        .status(201)
        .send({ ...presentTicket(t), ahead: t.ahead, estimatedWaitSeconds: t.estimatedWaitSeconds });
    },
  );

  app.get(
    "/api/halls/:hallId/queue",
    {
      schema: {
        tags,
        summary: "The live queue with peak level",
        params: hallIdParams,
        response: { 200: queueSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "queue.read", hall);
      return queueView(db, hall, p.kind === "user" ? callerOf(p) : undefined);
    },
  );

  app.get(
    "/api/halls/:hallId/tickets",
    {
      schema: {
        tags,
        summary: "Tickets of a hall, newest first, paged; by number or phone: the consult desk's look-up",
        params: hallIdParams,
        querystring: listTicketsQuery,
        response: {
          200: pageSchema(ticketSchema),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.floor", hall);
      if (req.query.businessType) await checkCodes(db, [req.query.businessType]);
      const { number, phone } = req.query;
      // A number is unique within its day only: a look-up is today's unless a day is named.
      const date = req.query.date ?? (number || phone ? localParts(new Date(), tz).date : undefined);
      const { rows, ...page } = await listTickets(db, hall.id, { ...req.query, date });
      return { items: await presentForCaller(db, rows, callerOf(p)), ...page };
    },
  );

  app.get(
    "/api/tickets/:id",
    {
      schema: { tags, params: ticketParams, response: { 200: ticketSchema, ...errors(400, 401, 403, 404) } },
    },
    async (req) => {
      const { t, p } = await ticketInScope(req.principal, req.params.id, "queue.read");
      const [shown] = p.kind === "user" ? await presentForCaller(db, [t], callerOf(p)) : [presentTicket(t)];
      return { ...shown, ...(t.status === "waiting" ? await positionOf(db, t) : {}) };
    },
  );

  app.get(
    "/api/tickets/:id/phone",
    {
      schema: {
        tags,
        summary: "Unmask the customer's phone (logged, R-PRIVACY)",
        params: ticketParams,
        querystring: unmaskQuery,
        response: { 200: z.object({ phone: z.string().nullable() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const t = await findTicket(db, req.params.id);
      const hall = await getHall(db, t.hallId);
      const p = authorize(req.principal, "phone.unmask", hall);
      await logUnmask(db, userOf(p), "ticket", t.id, hall.id, req.query.reason);
      reply.header("cache-control", "no-store"); // a whole number is kept by no cache on the way
      return { phone: t.phone };
    },
  );

  // Counters open and close here (not in halls) because each change moves the peak level.
  for (const action of ["open", "close"] as const) {
    app.post(
      `/api/halls/:hallId/counters/:counterId/${action}`,
      {
        schema: {
          tags,
          summary: `${action === "open" ? "Open" : "Close"} a counter`,
          params: counterParams,
          body: action === "open" ? openCounterBody : z.object({}).nullish(),
          response: { 200: counterSchema, ...errors(400, 401, 403, 404, 409) },
          ...(action === "open"
            ? {
                description:
                  "A counter is held by the person who opened it. Opening one that someone else holds is a 409 counter_held naming the holder, unless the body says takeover: true; the takeover is recorded (GET …/counters/:counterId/history) and the new person is the holder from then on.",
              }
            : {}),
        },
      },
      async (req) => {
        const hall = await getHall(db, req.params.hallId);
        const p = authorize(req.principal, "counter.operate", hall);
        await getCounter(db, hall.id, req.params.counterId);
        const body = req.body as { staffId?: string; takeover?: boolean } | undefined;
        const named = body?.staffId;
        // A made-up id would be recorded as whoever worked the counter; so would someone of another hall.
        if (named) {
          const user = await referenced("Staff member", () => findActiveUser(db, named));
          const staff = userPrincipal(user);
          mustBelong(
            can(staff, "counter.operate") && coversHall(staff, hall),
            `${user.displayName} does not work the counters of ${hall.name}`,
            { staffId: named },
          );
        }
        const staffId = named ?? userOf(p);
        return withEvents(db, async (work) => {
          const { tx } = work;
          if (action === "close") {
            const busy = await counterBusy(tx, await getCounter(tx, hall.id, req.params.counterId));
            if (busy) throw busy;
          }
          const counter =
            action === "open"
              ? await openCounter(work, hall.id, req.params.counterId, staffId, {
                  takeover: body?.takeover,
                  actorId: userOf(p),
                })
              : await closeCounter(work, hall.id, req.params.counterId, actorOf(p));
          // R-PEAK: a counter opened while a peak lasts is one of the episode's actions.
          if (action === "open")
            await recordPeakAction(tx, hall.id, {
              kind: "counter_opened",
              text: counter.label,
              byId: userOf(p),
            });
          // Tickets sent to a closing counter would never be called: back to their line.
          if (action === "close") await releaseCounterTargets(work, hall, counter, { userId: userOf(p) });
          await refreshPeak(work, hall);
          return counter;
        });
      },
    );
  }

  app.post(
    "/api/halls/:hallId/counters/:counterId/call-next",
    {
      schema: {
        tags,
        summary: "Call the next ticket this counter may serve (叫号)",
        params: counterParams,
        response: {
          200: z.object({ ticket: ticketSchema }),
          204: z.null(),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "counter.operate", hall);
      const t = await callNext(db, hall, req.params.counterId, actorOf(p));
      if (!t) return reply.status(204).send(null);
      return { ticket: (await presentForCaller(db, [t], callerOf(p)))[0] };
    },
  );

  app.post(
    "/api/halls/:hallId/counters/:counterId/call",
    {
      schema: {
        tags,
        summary: "Call one particular waiting ticket (out of order, recorded)",
        params: counterParams,
        body: callBody,
        response: { 200: z.object({ ticket: ticketSchema }), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "counter.operate", hall);
      const t = await callTicket(db, hall, req.params.counterId, req.body.ticketId, actorOf(p));
      return { ticket: (await presentForCaller(db, [t], callerOf(p)))[0] };
    },
  );

  // The steps on a ticket known by its id, here so the API document keeps its order.
  await fastify.register(ticketRoutes, { ctx });
  await fastify.register(awayRoutes, { ctx });

  app.get(
    "/api/tickets/:id/divert-suggestions",
    {
      schema: {
        tags,
        summary: "Channels that can also serve this ticket's business (R-DIVERT), with real places and hours",
        description:
          "In the catalog's priority order. other_hall names up to three halls of the region open now that may do the business, nearest first, with how many wait for it there and the estimated wait; off_peak names this hall's two quietest hours ahead by its own last four weeks (same weekday). A channel with nothing to name is left out.",
        params: ticketParams,
        response: {
          200: z.array(divertSuggestionSchema),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { t } = await ticketInScope(req.principal, req.params.id, "ticket.divert");
      const bt = await getBusinessType(db, t.businessType);
      return divertSuggestions(db, await getHall(db, t.hallId), bt, ctx.env.TINGWU_TIMEZONE);
    },
  );

  app.get(
    "/api/halls/:hallId/breaches",
    {
      schema: {
        tags,
        summary: "Time-limit breaches (R-TIME), today by default",
        params: hallIdParams,
        querystring: z.object({
          date: isoDay().optional(),
        }),
        response: { 200: z.array(breachSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.read", hall);
      const date = req.query.date ?? localParts(new Date(), tz).date;
      const rows = await listBreaches(
        db,
        hall.id,
        zonedInstant(date, 0, tz),
        zonedInstant(date, 24 * 60, tz),
      );
      return rows.map((r) => ({
        ...r.breach,
        at: r.breach.at.toISOString(),
        number: r.number,
        businessType: r.businessType,
      }));
    },
  );

  app.get(
    "/api/halls/:hallId/events",
    {
      schema: {
        tags: ["events"],
        summary: "Server-Sent Events of everything that changes in the hall",
        params: hallIdParams,
        querystring: z.object({
          device: z.string().optional(),
          // The SSE id of the last event seen, `<tx>-<id>` (a bare id from older screens is accepted too).
          lastEventId: z
            .string()
            .regex(/^(\d{1,20}-)?\d{1,15}$/, "lastEventId is a stream position such as 123456-789")
            .optional(),
        }),
        response: { 200: hallEventStream },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "events.read", hall);
      await ctx.hub.stream(req, reply, hall.id, eventViewFor(p));
    },
  );

  await fastify.register(publicRoutes, { ctx });
  await fastify.register(boardRoutes, { ctx });
  await fastify.register(journeyRoutes, { ctx });
  await fastify.register(journeyReportRoutes, { ctx });
  await fastify.register(peakRoutes, { ctx });
  await fastify.register(screenRoutes, { ctx });
}
