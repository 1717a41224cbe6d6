import { z } from "zod";
import { isoDay, isoInstant } from "../../core/dates.js";
import { cursorQuery } from "../../core/paging.js";
import { chineseMobile } from "../../core/phone.js";
import { asOfSchema } from "../../core/stream-position.js";
import { counterSchema, divertChannels } from "../halls/contract.js";

export const ticketStatuses = [
  "waiting",
  "called",
  "serving",
  "finished",
  "no_show",
  "cancelled",
  "diverted",
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketChannels = ["kiosk", "remote", "appointment", "staff"] as const;
export const outcomes = ["completed", "partially_completed", "not_completed", "referred"] as const;
// Blueprint nodes (BP ch.2): Z1 进厅问候 … Z9 离厅道别.
export const journeyNodeCodes = ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7", "Z8", "Z9"] as const;
export type JourneyNode = (typeof journeyNodeCodes)[number];

// The queue texts the customer (R-NOTIFY): a mobile only.
const phone = chineseMobile;

export const issueTicketFields = z.object({
  businessType: z.string().min(1).max(40),
  vip: z.boolean().optional(),
  phone: phone.optional(),
  channel: z.enum(["kiosk", "remote", "appointment", "staff"]).optional(),
  // A visit already started on the floor (greeting Z1) that this ticket belongs to.
  visitId: z.uuid().optional(),
  // VIP entry by membership card instead of phone number; recorded (last four digits) in the history.
  vipCard: z
    .string()
    .regex(/^\d{6,19}$/, "6–19 digits")
    .optional(),
});
export const issueTicketBody = issueTicketFields.refine((b) => !b.vipCard || b.vip === true, {
  message: "vipCard goes with vip: true",
  path: ["vipCard"],
});

export const ticketSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  visitId: z.uuid(),
  number: z.string(),
  businessType: z.string(),
  vip: z.boolean(),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  // Masked (138****1234) unless the caller may unmask; unmask with GET /api/tickets/:id/phone.
  phone: z.string().nullable(),
  counterId: z.uuid().nullable(),
  counterNumber: z.number().nullable(),
  targetCounterId: z.uuid().nullable(),
  issuedAt: z.string(),
  // The place in line: waiting tickets are called VIP first, then by queueAt (the issue time, set back a
  // few places for a returning no-show); a live screen keeps its list in this order.
  queueAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  recallCount: z.number(),
  calledOutOfOrder: z.boolean(),
  outcome: z.enum(outcomes).nullable(),
  recommended: z.array(z.string()),
  divertChannel: z.enum(divertChannels).nullable(),
  waitSeconds: z.number().nullable(),
  handlingSeconds: z.number().nullable(),
  waitBreached: z.boolean(),
  handlingBreached: z.boolean(),
  ahead: z.number().optional(),
  estimatedWaitSeconds: z.number().optional(),
  // What the caller may do with it now (POST /api/tickets/:id/<action>; "reprint": show the slip again),
  // from the state machine in rules.ts and the caller's capabilities. Not in live events.
  allowedActions: z.array(z.string()).optional(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketParams = z.object({ id: z.uuid() });
export const callBody = z.object({ ticketId: z.uuid() });
export const finishBody = z.object({
  outcome: z.enum(outcomes),
  // Z6: campaign or product codes recommended at the counter; accepted ones are a subset.
  recommended: z.array(z.string().max(60)).max(20).optional(),
  accepted: z.array(z.string().max(60)).max(20).optional(),
});
export const transferBody = z
  .object({ businessType: z.string().min(1).max(40).optional(), counterId: z.uuid().optional() })
  .refine((b) => b.businessType || b.counterId, "name a businessType or a counterId to transfer to");
export const divertBody = z.object({ channel: z.enum(divertChannels), accepted: z.boolean() });
export const listTicketsQuery = z.object({
  status: z.enum(ticketStatuses).optional(),
  businessType: z.string().optional(),
  date: isoDay().optional(),
  // The consult desk's look-up (过号请到咨询台办理): by number or by the whole phone number, today
  // unless a date is given.
  number: z
    .string()
    .regex(/^[A-Za-z]\d{3,5}$/, "a ticket number such as A012")
    .optional()
    .describe("A ticket number such as A012 (any case); today's unless date is given"),
  phone: chineseMobile
    .optional()
    .describe(
      "The customer's whole mobile number; today's tickets unless date is given (answers are masked)",
    ),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: cursorQuery,
});

export const peakActionSchema = z.object({ action: z.string(), who: z.string() });
export const queueSchema = z.object({
  hallId: z.uuid(),
  waiting: z.number(),
  openCounters: z.number(),
  ratio: z.number().nullable(),
  peakLevel: z.number(),
  peakActions: z.array(peakActionSchema),
  // R-PEAK level 2: forced diversion, and how many more counters the manager should open (null below 2).
  diversion: z.enum(["suggested", "forced"]),
  openMoreCounters: z.number().nullable(),
  byBusinessType: z.array(
    z.object({
      businessType: z.string(),
      waiting: z.number(),
      longestWaitSeconds: z.number(),
      estimatedWaitSeconds: z.number(),
    }),
  ),
  tickets: z.array(ticketSchema),
  serving: z.array(ticketSchema),
  counters: z.array(counterSchema),
  asOf: asOfSchema,
});

export const breachSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  ticketId: z.uuid().nullable(),
  visitId: z.uuid().nullable(),
  kind: z.enum(["wait", "handling", "greeting"]),
  limitSeconds: z.number(),
  at: z.string(),
  number: z.string().nullable(),
  businessType: z.string().nullable(),
});

export const journeyNodeBody = z.object({
  node: z.enum(["Z1", "Z2", "Z3", "Z4", "Z6", "Z8", "Z9"]),
  ticketId: z.uuid().optional(),
  visitId: z.uuid().optional(),
  note: z.string().max(500).optional(),
  // When the customer came in (for Z1's 1-minute greeting limit); defaults to now.
  enteredAt: isoInstant().optional(),
});
export const journeySchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  enteredAt: z.string(),
  greetingBreached: z.boolean(),
  nodes: z.array(
    z.object({
      node: z.enum(journeyNodeCodes),
      at: z.string(),
      actorId: z.uuid().nullable(),
      note: z.string().nullable(),
    }),
  ),
  tickets: z.array(z.object({ id: z.uuid(), number: z.string(), status: z.enum(ticketStatuses) })),
});

export const appointmentBody = z.object({
  businessType: z.string().min(1).max(40),
  slotStart: isoInstant(),
  slotMinutes: z.number().int().min(5).max(240).default(30),
  phone,
  name: z.string().trim().min(1).max(40).optional(),
});
export const appointmentSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  businessType: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  status: z.enum(["booked", "checked_in", "cancelled"]),
  ticketId: z.uuid().nullable(),
});

export const publicHallSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  type: z.string(),
  open: z.boolean(),
  waiting: z.number(),
  estimatedWaitSeconds: z.number(),
  /** 挂牌 (R-CERT): the hall holds the operator's certificate (its latest quarterly evaluation passed). */
  certified: z.boolean(),
});

// A call as the calling display shows it after a reload (R-DISPLAY): nothing about the customer.
export const recentCallSchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  businessType: z.string(),
  counterNumber: z.number(),
  calledAt: z.string(),
  recall: z.boolean(),
});

// What an evaluation pad needs to ask again after a reload (R-EVAL): the ticket, and until when.
export const ratingPromptSchema = z.object({
  ticket: z.object({ id: z.uuid(), number: z.string(), businessType: z.string(), finishedAt: z.string() }),
  askUntil: z.string(),
  // The same as seconds from now, so a pad whose clock is off still asks for the right while.
  secondsLeft: z.number(),
});

// 我有预约: the kiosk checks a customer in by phone, today, at this hall, and nothing more.
export const appointmentCheckInBody = z.object({ phone });

// What a public screen (kiosk, calling display, pad) may show of a ticket: its number and where it is
// called, never the customer's phone, the visit or the breach flags.
export const boardTicketSchema = ticketSchema.pick({
  id: true,
  number: true,
  businessType: true,
  status: true,
  counterId: true,
  counterNumber: true,
  calledAt: true,
  recallCount: true,
});
export type BoardTicket = z.infer<typeof boardTicketSchema>;
export const boardSchema = z.object({
  hallId: z.uuid(),
  waiting: z.number(),
  openCounters: z.number(),
  byBusinessType: z.array(
    z.object({ businessType: z.string(), waiting: z.number(), estimatedWaitSeconds: z.number() }),
  ),
  // The tickets at the counters now (called or being served), for the calling display.
  calls: z.array(boardTicketSchema),
  // 暂离: the numbers of open counters whose clerk stepped away, for the display's apology.
  awayCounters: z.array(z.number()),
  // R-PEAK level 2: the kiosk offers divertible business its e-channel before a ticket.
  diversion: z.enum(["suggested", "forced"]),
  // Of a divertible type's channels, those the kiosk offers first while diversion is forced.
  eChannels: z.array(z.enum(divertChannels)),
  asOf: asOfSchema,
});

// R-VISIT journey report: GET /api/halls/:hallId/journey-report?period=…
export const journeyReportQuery = z.object({
  period: z.string().max(40).describe("day:YYYY-MM-DD, week:YYYY-Www, month:YYYY-MM or range:… (≤ 92 days)"),
});
const seconds = z.number().nullable();
const journeyMeansSchema = z.object({
  visits: z.number(),
  /** Visits with at least one node, whose times the means are of. */
  timedVisits: z.number(),
  meanTotalSeconds: seconds,
  meanFrontSeconds: seconds,
  meanBackSeconds: seconds,
  meanGreetingSeconds: seconds,
});
export const journeyReportSchema = journeyMeansSchema.extend({
  hallId: z.uuid(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  nodes: z.array(
    z.object({
      node: z.enum(journeyNodeCodes),
      visits: z.number(),
      share: z.number().nullable(),
      meanDwellSeconds: seconds,
      meanFromEntrySeconds: seconds,
    }),
  ),
  byDay: z.array(journeyMeansSchema.extend({ date: z.string() })),
});

// R-PEAK: a peak episode (高峰时段) and what was done in it.
export const peakEpisodeSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  minutes: z.number(),
  peakLevel: z.number(),
  peakWaiting: z.number(),
  peakAt: z.string(),
  areaNotifiedAt: z.string().nullable(),
  actions: z.array(
    z.object({
      kind: z.string(),
      text: z.string(),
      byId: z.uuid().nullable(),
      byName: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export const peakEpisodesQuery = z.object({
  from: isoDay().optional().describe("First local day (default today)"),
  to: isoDay().optional().describe("Last local day, inclusive (default from)"),
});
export const peakActionBody = z.object({ text: z.string().trim().min(1).max(200) });

// R-DIVERT: a channel that can also serve a ticket's business; "other_hall" names the halls, "off_peak" the hours.
export const divertSuggestionSchema = z.object({
  channel: z.enum(divertChannels),
  halls: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        address: z.string(),
        distanceKm: z.number().nullable(),
        waiting: z.number(),
        estimatedWaitSeconds: z.number().nullable(),
      }),
    )
    .optional(),
  hours: z
    .array(z.object({ date: z.string(), from: z.string(), to: z.string(), meanArrivals: z.number() }))
    .optional(),
});

// R-DIVERT by SMS: text the customers at least minAhead places back in a divertible line.
export const divertSmsBody = z.object({ minAhead: z.number().int().min(1).max(200).default(10) });
export const divertSmsSchema = z.object({
  sent: z.number(),
  tickets: z.array(z.object({ number: z.string(), ahead: z.number() })),
});
