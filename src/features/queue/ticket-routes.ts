import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { authorize, type Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { publicUrlOf } from "../../core/env.js";
import { getHall } from "../halls/data.js";
import { divertBody, finishBody, ticketParams, ticketSchema, transferBody } from "./contract.js";
import { presentForCaller, type TicketRow } from "./data.js";
import { actOnTicket, type StepInput } from "./mutations.js";
import { DEFAULT_NO_SHOW_SETBACK, type TicketCapability, ticketTransitions } from "./rules.js";
import { accessOf, actorOf, callerOf, type TicketAccess } from "./steps/access.js";
import { finishTicket } from "./steps/finish.js";
import { startTicket } from "./steps/start.js";

const tags = ["queue"];

/** The steps of the ticket state machine on a ticket known by its id: POST /api/tickets/:id/<step>. */
export async function ticketRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  // One route per transition of the ticket state machine. start and finish are one statement each
  // (steps/): the caller's scope goes into the statement, and only when it changed nothing does the step
  // read why (404, 403 or 409). The others are one transaction each (mutations.ts), which checks the
  // caller once it has the ticket's hall. An illegal step answers 409 with a code naming the state it needs.
  const actions: ({
    path: string;
    summary?: string;
    description?: string;
    capability: TicketCapability;
    body?: z.ZodType;
  } & (
    | { input: (body: unknown, settings: { noShowSetback?: number }) => StepInput }
    | { step: (id: string, body: unknown, access: TicketAccess) => Promise<TicketRow> }
  ))[] = [
    { path: "recall", capability: "counter.operate", input: () => ({ action: "recall" }) },
    { path: "start", capability: "counter.operate", step: (id, _b, access) => startTicket(db, id, access) },
    {
      path: "finish",
      capability: "counter.operate",
      body: finishBody,
      step: (id, b, access) =>
        finishTicket(db, id, b as z.infer<typeof finishBody>, access, new Date(), publicUrlOf(ctx.env)),
    },
    { path: "no-show", capability: "counter.operate", input: () => ({ action: "no_show" }) },
    // 过号撤销: by whoever marked it, within a minute; back to being called at the counter it left.
    { path: "undo-no-show", capability: "counter.operate", input: () => ({ action: "undo_no_show" }) },
    {
      path: "return",
      capability: "ticket.floor",
      input: (_b, s) => ({ action: "return", setback: s.noShowSetback ?? DEFAULT_NO_SHOW_SETBACK }),
    },
    { path: "cancel", capability: "ticket.floor", input: () => ({ action: "cancel" }) },
    {
      path: "transfer",
      summary:
        "Ticket: transfer to a business type's line or to an open counter (closed: 409 counter_closed)",
      description:
        "The ticket keeps its place. A named counter must be open: a closed one is a 409 counter_closed even when a business type is named too (name only the type to send the customer to its line), and closing a counter sends the tickets transferred to it back to their line. A transfer to the type and counter the ticket already has changes nothing (no history, no event) and answers the ticket as it is.",
      capability: "ticket.floor",
      body: transferBody,
      input: (b) => ({ action: "transfer", ...(b as z.infer<typeof transferBody>) }),
    },
    {
      path: "divert",
      capability: ticketTransitions.divert.capability,
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
          summary: a.summary ?? `Ticket: ${a.path}`,
          ...(a.description ? { description: a.description } : {}),
          params: ticketParams,
          ...(a.body ? { body: a.body } : {}),
          response: { 200: ticketSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => {
        if ("step" in a) {
          const t = await a.step(req.params.id, req.body, accessOf(req.principal, a.capability));
          return (await presentForCaller(db, [t], callerOf(req.principal!)))[0];
        }
        let p: Principal | undefined;
        const updated = await actOnTicket(db, req.params.id, async (t, tx) => {
          const hall = await getHall(db, t.hallId, tx);
          p = authorize(req.principal, a.capability, hall);
          return { hall, input: a.input(req.body, hall.effectiveSettings), actor: actorOf(p) };
        });
        return (await presentForCaller(db, [updated], callerOf(p!)))[0];
      },
    );
  }
}
