import { z } from "zod";
import { type HallEventType, hallEventTypes } from "../../core/events/catalogue.js";
import { counterSchema } from "../halls/contract.js";
import { evaluationSchema } from "../quality/contract.js";
import { boardTicketSchema, journeyNodeCodes, peakActionSchema, ticketSchema } from "./contract.js";

// The hall's live events (GET /api/halls/:hallId/events) as the OpenAPI document names them: each SSE
// frame is `event: <type>`, `id: <tx>-<id>` and `data:` one HallEvent as JSON. The web app's list of
// types and their shapes are generated from here (npm run gen:api), never written twice.

// A device's stream (display, kiosk, pad) carries a ticket as the board shows it; a person's stream
// carries the whole ticket (phone masked) with what they may do with it while it is in the queue.
const liveTicket = z.union([ticketSchema, boardTicketSchema]);
// The counter where the step happened: its number said aloud, and its label where the step names one.
const atCounter = z.object({ id: z.uuid().nullable(), number: z.number(), label: z.string().optional() });
// A device's stream carries a counter's id, number, label and status only.
const liveCounter = z.union([
  counterSchema,
  z.object({
    id: z.uuid(),
    number: z.number(),
    label: z.string().optional(),
    status: z.string().optional(),
    away: z.boolean().optional(),
  }),
]);

// The ticket as it is after the step.
const ticketEvent = z.object({ ticket: liveTicket, counter: atCounter.optional() });
// The counter after it opened, closed, was taken over (from whom), or its clerk stepped away or came back.
const counterEvent = z.object({ counter: liveCounter, previousStaffId: z.uuid().nullable().optional() });

const data: Record<HallEventType, z.ZodType> = {
  "ticket.issued": ticketEvent,
  "ticket.called": ticketEvent,
  "ticket.recalled": ticketEvent,
  "ticket.started": ticketEvent,
  "ticket.finished": ticketEvent,
  "ticket.no_show": ticketEvent,
  "ticket.no_show_undone": ticketEvent,
  "ticket.returned": ticketEvent,
  "ticket.transferred": ticketEvent,
  "ticket.cancelled": ticketEvent,
  "ticket.diverted": ticketEvent,
  "counter.opened": counterEvent,
  "counter.closed": counterEvent,
  "counter.taken_over": counterEvent,
  // 暂离: the clerk stepped away (the counter calls nothing, the display apologises) and came back.
  "counter.away": counterEvent,
  "counter.back": counterEvent,
  // R-PEAK: the level moved (written with the change that moved it).
  "peak.changed": z.object({
    level: z.number(),
    previousLevel: z.number(),
    waiting: z.number(),
    openCounters: z.number(),
    ratio: z.number().nullable(),
    actions: z.array(peakActionSchema),
    // From level 2 diversion is forced (the kiosk offers the e-channel first).
    diversion: z.enum(["suggested", "forced"]),
  }),
  // R-TIME: a wait or handling limit passed (a ticket), or a late greeting (a visit).
  "limit.breached": z.union([
    z.object({
      kind: z.enum(["wait", "handling"]),
      ticketId: z.uuid(),
      number: z.string(),
      businessType: z.string(),
      counterNumber: z.number().nullable(),
      limitSeconds: z.number(),
      actualSeconds: z.number(),
    }),
    z.object({ kind: z.literal("greeting"), visitId: z.uuid(), limitSeconds: z.number() }),
  ]),
  "visit.node": z.object({
    visitId: z.uuid(),
    node: z.enum(journeyNodeCodes),
    ticketId: z.uuid().nullable(),
  }),
  "evaluation.submitted": z.object({ evaluation: evaluationSchema }),
};

// The types that share a shape, as one member of the union each (the document stays short).
const shapes = new Map<z.ZodType, HallEventType[]>();
for (const type of hallEventTypes) shapes.set(data[type], [...(shapes.get(data[type]) ?? []), type]);
const members = [...shapes].map(([shape, types]) =>
  z.object({
    // The event's id; with tx (the writing transaction) its place in the stream, the SSE id `<tx>-<id>`.
    id: z.number(),
    tx: z.string(),
    hallId: z.uuid(),
    type: z.enum(types as [HallEventType, ...HallEventType[]]),
    data: shape,
    at: z.string(),
  }),
);

/** One SSE frame's data; `type` is also the frame's `event:` name. */
export const hallEventSchema = z
  .union(members as [(typeof members)[number], ...(typeof members)[number][]])
  .describe("One event of a hall's live stream (the data of an SSE frame)");

/** The SSE route's documented answer. */
export const hallEventStream = {
  description:
    "text/event-stream: first `event: ready` (its id is where the stream stands) unless resuming after " +
    "Last-Event-ID, then one frame per HallEvent (event: its type, id: `<tx>-<id>`), heartbeats between",
  content: { "text/event-stream": { schema: hallEventSchema } },
};
