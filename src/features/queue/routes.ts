import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, type Principal, scopeOf, userOf } from "../../core/access.js";
import { logUnmask } from "../../core/audit.js";
import { findActiveUser } from "../../core/auth.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { withEvents } from "../../core/events.js";
import { localParts, zonedInstant } from "../../core/time.js";
import {
  counterParams,
  counterSchema,
  divertChannels,
  hallIdParams,
  openCounterBody,
} from "../halls/contract.js";
import { getBusinessType, getCounter, getHall } from "../halls/data.js";
import { closeCounter, openCounter } from "../halls/mutations.js";
import {
  breachSchema,
  callBody,
  divertBody,
  finishBody,
  issueTicketBody,
  listTicketsQuery,
  queueSchema,
  ticketParams,
  ticketSchema,
  transferBody,
} from "./contract.js";
import {
  activeTickets,
  findTicket,
  listBreaches,
  listTickets,
  positionOf,
  presentTicket,
  type TicketRow,
} from "./data.js";
import { refreshPeak } from "./effects.js";
import { type ActionInput, actOnTicket, callNext, callTicket, issueTicket } from "./mutations.js";
import { publicRoutes } from "./public-routes.js";
import { queueView } from "./queue-view.js";
import { DEFAULT_NO_SHOW_SETBACK } from "./rules.js";
import type { StartOrFinish } from "./transitions.js";
import { visitRoutes } from "./visit-routes.js";

const tags = ["queue"];

export async function queueRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

  /** Loads a ticket and its hall and checks the caller may act on it; another hall's ticket is a 403. */
  async function ticketInScope(
    principal: Principal | undefined,
    id: string,
    capability: "counter.operate" | "ticket.floor" | "queue.read",
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
      const channel = req.body.channel ?? (p.kind === "device" ? "kiosk" : "staff");
      const t = await issueTicket(db, hall, { ...req.body, channel }, { userId: userOf(p) }, tz);
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
      authorize(req.principal, "queue.read", hall);
      return queueView(db, hall);
    },
  );

  app.get(
    "/api/halls/:hallId/tickets",
    {
      schema: {
        tags,
        summary: "Tickets of a hall, newest first, paged",
        params: hallIdParams,
        querystring: listTicketsQuery,
        response: {
          200: z.object({ items: z.array(ticketSchema), total: z.number() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "ticket.floor", hall);
      const { rows, total } = await listTickets(db, hall.id, req.query);
      return { items: rows.map((t) => presentTicket(t)), total };
    },
  );

  app.get(
    "/api/tickets/:id",
    {
      schema: { tags, params: ticketParams, response: { 200: ticketSchema, ...errors(400, 401, 403, 404) } },
    },
    async (req) => {
      const { t } = await ticketInScope(req.principal, req.params.id, "queue.read");
      return { ...presentTicket(t), ...(t.status === "waiting" ? await positionOf(db, t) : {}) };
    },
  );

  app.get(
    "/api/tickets/:id/phone",
    {
      schema: {
        tags,
        summary: "Unmask the customer's phone (logged, R-PRIVACY)",
        params: ticketParams,
        response: { 200: z.object({ phone: z.string().nullable() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const t = await findTicket(db, req.params.id);
      const hall = await getHall(db, t.hallId);
      const p = authorize(req.principal, "phone.unmask", hall);
      await logUnmask(db, userOf(p), "ticket", t.id, hall.id);
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
        },
      },
      async (req) => {
        const hall = await getHall(db, req.params.hallId);
        const p = authorize(req.principal, "counter.operate", hall);
        await getCounter(db, hall.id, req.params.counterId);
        const named = (req.body as { staffId?: string } | undefined)?.staffId;
        // A made-up id would be recorded as whoever worked the counter.
        if (named && !(await findActiveUser(db, named))) throw notFound("Staff member");
        const staffId = named ?? userOf(p);
        return withEvents(db, async (tx) => {
          if (action === "close") {
            const busy = (await activeTickets(tx, hall.id)).find((t) => t.counterId === req.params.counterId);
            if (busy)
              throw new AppError("illegal_state", `Counter still has ${busy.number} (${busy.status})`, {
                state: "busy",
              });
          }
          const counter =
            action === "open"
              ? await openCounter(tx, hall.id, req.params.counterId, staffId)
              : await closeCounter(tx, hall.id, req.params.counterId);
          await refreshPeak(tx, hall);
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
      const t = await callNext(db, hall, req.params.counterId, { userId: userOf(p) });
      if (!t) return reply.status(204).send(null);
      return { ticket: presentTicket(t) };
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
      const t = await callTicket(db, hall, req.params.counterId, req.body.ticketId, { userId: userOf(p) });
      return { ticket: presentTicket(t) };
    },
  );

  // One route per transition of the ticket state machine; illegal ones answer 409 with the current state.
  const actions: {
    path: string;
    capability: "counter.operate" | "ticket.floor";
    body?: z.ZodType;
    input: (body: unknown, t?: TicketRow, settings?: { noShowSetback?: number }) => ActionInput;
    /** start and finish: one statement (transitions.ts) when the ticket is the caller's to change. */
    oneStatement?: true;
  }[] = [
    { path: "recall", capability: "counter.operate", input: () => ({ action: "recall" }) },
    { path: "start", capability: "counter.operate", input: () => ({ action: "start" }), oneStatement: true },
    {
      path: "finish",
      capability: "counter.operate",
      body: finishBody,
      input: (b) => ({ action: "finish", ...(b as z.infer<typeof finishBody>) }),
      oneStatement: true,
    },
    { path: "no-show", capability: "counter.operate", input: () => ({ action: "no_show" }) },
    {
      path: "return",
      capability: "ticket.floor",
      input: (_b, _t, s) => ({ action: "return", setback: s?.noShowSetback ?? DEFAULT_NO_SHOW_SETBACK }),
    },
    { path: "cancel", capability: "ticket.floor", input: () => ({ action: "cancel" }) },
    {
      path: "transfer",
      capability: "ticket.floor",
      body: transferBody,
      input: (b) => ({ action: "transfer", ...(b as z.infer<typeof transferBody>) }),
    },
    {
      path: "divert",
      capability: "ticket.floor",
      body: divertBody,
      input: (b) => ({ action: "divert", ...(b as z.infer<typeof divertBody>) }),
    },
  ];
  for (const a of actions) {
    app.post(
      `/api/tickets/:id/${a.path}`,
      {
        schema: {
          tags,
          summary: `Ticket: ${a.path}`,
          params: ticketParams,
          ...(a.body ? { body: a.body } : {}),
          response: { 200: ticketSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => {
        // start and finish go as one statement within the caller's scope, when it has the capability.
        const p = req.principal;
        const within = a.oneStatement && p && can(p, a.capability) ? scopeOf(p) : null;
        const updated = await actOnTicket(
          db,
          req.params.id,
          async (t, tx) => {
            const hall = await getHall(db, t.hallId, tx);
            const p = authorize(req.principal, a.capability, hall);
            return { hall, input: a.input(req.body, t, hall.settings), actor: { userId: userOf(p) } };
          },
          new Date(),
          within ? { input: a.input(req.body) as StartOrFinish, within, actorId: userOf(p!) } : undefined,
        );
        return presentTicket(updated);
      },
    );
  }

  app.get(
    "/api/tickets/:id/divert-suggestions",
    {
      schema: {
        tags,
        summary: "Channels that can also serve this ticket's business (R-DIVERT)",
        params: ticketParams,
        response: {
          200: z.array(z.object({ channel: z.enum(divertChannels) })),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { t } = await ticketInScope(req.principal, req.params.id, "ticket.floor");
      const bt = await getBusinessType(db, t.businessType);
      // The catalog lists channels in the R-DIVERT priority order: in-hall first, then e-channels, then elsewhere.
      const order = divertChannels as readonly string[];
      return [...bt.divertChannels]
        .sort((x, y) => order.indexOf(x) - order.indexOf(y))
        .map((channel) => ({ channel }));
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
          date: z.iso.date().optional(), // a real day: 2026-02-30 is refused, not a 500
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
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "events.read", hall);
      await ctx.hub.stream(req, reply, hall.id);
    },
  );

  await fastify.register(publicRoutes, { ctx });
  await fastify.register(visitRoutes, { ctx });
}
