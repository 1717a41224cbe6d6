import type { BusinessType } from "../features/halls/contract.js";
import type { CopyBuffer } from "./copy-buffer.js";
import type { HistoryTicket } from "./history-model.js";

// The rows of seed-history, table by table in the schema's own column names, parents first (COPY order).

export const HISTORY_TABLES = {
  visits: ["id", "hall_id", "entered_at", "greeting_breached", "greeted_at"],
  tickets: [
    "id",
    "hall_id",
    "visit_id",
    "service_date",
    "prefix",
    "seq",
    "number",
    "business_type",
    "vip",
    "channel",
    "phone",
    "status",
    "queue_at",
    "issued_at",
    "counter_id",
    "counter_number",
    "staff_id",
    "called_at",
    "started_at",
    "finished_at",
    "outcome",
    "recommended",
    "accepted",
    "divert_channel",
    "wait_seconds",
    "handling_seconds",
    "wait_limit_seconds",
    "handling_limit_seconds",
    "wait_breached",
    "handling_breached",
  ],
  ticket_history: [
    "id",
    "hall_id",
    "ticket_id",
    "action",
    "from_status",
    "to_status",
    "counter_id",
    "actor_id",
    "at",
  ],
  visit_nodes: ["id", "visit_id", "hall_id", "node", "ticket_id", "actor_id", "note", "at"],
  breaches: ["id", "hall_id", "ticket_id", "visit_id", "kind", "limit_seconds", "at"],
  evaluations: [
    "id",
    "ticket_id",
    "hall_id",
    "counter_id",
    "staff_id",
    "business_type",
    "wait_seconds",
    "rating",
    "at",
  ],
  diversions: ["id", "hall_id", "ticket_id", "business_type", "channel", "accepted", "at"],
  hall_events: ["hall_id", "type", "data", "at"],
  outbox: [
    "channel",
    "recipient",
    "body",
    "hall_id",
    "dedupe_key",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
    "sent_at",
  ],
  complaints: [
    "id",
    "kind",
    "hall_id",
    "region_code",
    "ticket_id",
    "channel",
    "customer_name",
    "customer_phone",
    "category",
    "severity",
    "description",
    "request",
    "state",
    "owner_id",
    "recorded_by",
    "received_at",
    "recorded_at",
    "record_confirmed_at",
    "first_reply_due_at",
    "first_replied_at",
    "resolved_at",
    "callback_due_at",
    "closed_at",
    "satisfaction",
  ],
  complaint_history: [
    "id",
    "complaint_id",
    "region_code",
    "action",
    "from_state",
    "to_state",
    "actor_id",
    "at",
  ],
  faults: [
    "id",
    "hall_id",
    "region_code",
    "owner_id",
    "customer_name",
    "customer_phone",
    "service",
    "symptom",
    "state",
    "recorded_at",
    "report_due_at",
    "reported_at",
    "repair_due_at",
    "repaired_at",
    "confirmed_at",
    "closed_at",
    "satisfaction",
  ],
  fault_history: ["id", "fault_id", "region_code", "action", "from_state", "to_state", "actor_id", "at"],
  field_customers: [
    "id",
    "region_code",
    "town",
    "village",
    "name",
    "tier",
    "phone",
    "agent_id",
    "created_at",
  ],
  field_visit_records: [
    "id",
    "customer_id",
    "region_code",
    "agent_id",
    "kind",
    "at",
    "purpose",
    "notes",
    "archive_due_at",
    "archive_updated_at",
    "created_at",
  ],
} as const;

export type HistoryRows = CopyBuffer<typeof HISTORY_TABLES>;

export type HistoryHall = {
  index: number;
  id: string;
  regionCode: string;
  managerId: string;
  counters: { id: string; number: number; staffId: string }[];
  /** The region's rural agent and the customers in their care (the first hall of a region writes them). */
  agentId: string;
  customers: { id: string; tier: "gov_enterprise" | "key" | "household" }[];
};

const TIERS = ["gov_enterprise", "key", "household", "household", "household"] as const;

/** A region's customer archive: a few customers per hall, most of them households. */
export function writeCustomers(
  out: HistoryRows,
  hall: HistoryHall,
  perHall: number,
  regionHalls: number,
  id: () => string,
  at: Date,
) {
  for (let i = 0; i < perHall * regionHalls; i++) {
    const tier = TIERS[i % TIERS.length];
    const customerId = id();
    hall.customers.push({ id: customerId, tier });
    out.add("field_customers", [
      customerId,
      hall.regionCode,
      `${hall.regionCode}镇${(i % 7) + 1}`,
      `村${(i % 23) + 1}`,
      tier === "household" ? `农户${i + 1}` : `单位${i + 1}`,
      tier,
      `138${String(10_000_000 + i).slice(-8)}`,
      hall.agentId,
      at,
    ]);
  }
}

type TicketInput = {
  hall: HistoryHall;
  date: string;
  t: HistoryTicket;
  seq: number;
  prefix: string;
  bt: BusinessType;
  /** The instant `seconds` after the day's opening. */
  at: (seconds: number) => Date;
  /** A time-ordered id for something that happened `seconds` after the opening. */
  id: (seconds: number) => string;
  rating: string | null;
  events: boolean;
};

/** One ticket: its visit, the ticket, every transition, its blueprint nodes, breaches, rating, SMS, events. */
export function writeTicket(out: HistoryRows, x: TicketInput) {
  const { hall, t, at, id } = x;
  const visitId = id(t.issuedAt - 1);
  const ticketId = id(t.issuedAt);
  const counter = t.counter === null ? null : hall.counters[t.counter];
  const number = `${x.prefix}${String(x.seq).padStart(3, "0")}`;
  const waitBreached = (t.waitSeconds ?? 0) > x.bt.waitLimitSeconds;
  const handlingBreached = (t.handlingSeconds ?? 0) > x.bt.handlingLimitSeconds;
  const time = (s: number | null) => (s === null ? null : at(s));
  out.add("visits", [visitId, hall.id, at(t.issuedAt - 1), false, t.greeted === null ? null : at(t.greeted)]);
  out.add("tickets", [
    ticketId,
    hall.id,
    visitId,
    x.date,
    x.prefix,
    x.seq,
    number,
    t.businessType,
    t.vip,
    "kiosk",
    t.phone,
    t.status,
    at(t.queueAt),
    at(t.issuedAt),
    t.status === "finished" ? counter!.id : null,
    t.status === "finished" ? counter!.number : null,
    t.status === "finished" ? counter!.staffId : null,
    time(t.calledAt),
    time(t.startedAt),
    time(t.finishedAt),
    t.status === "finished" ? "completed" : null,
    t.recommended,
    t.accepted,
    t.divertChannel,
    t.waitSeconds,
    t.handlingSeconds,
    x.bt.waitLimitSeconds,
    x.bt.handlingLimitSeconds,
    waitBreached,
    handlingBreached,
  ]);
  const step = (
    s: number,
    action: string,
    from: string | null,
    to: string,
    c: HistoryHall["counters"][number] | null,
  ) =>
    out.add("ticket_history", [
      id(s),
      hall.id,
      ticketId,
      action,
      from,
      to,
      c?.id ?? null,
      c?.staffId ?? null,
      at(s),
    ]);
  step(t.issuedAt, "issue", null, "waiting", null);
  if (t.noShowAt !== null) {
    const c = hall.counters[t.noShowCounter!];
    step(t.noShowAt - 60, "call", "waiting", "called", c);
    step(t.noShowAt, "no_show", "called", "no_show", null);
    if (t.returnedAt !== null) step(t.returnedAt, "return", "no_show", "waiting", null);
  }
  if (t.status === "cancelled") step(t.finishedAt!, "cancel", "waiting", "cancelled", null);
  if (t.status === "diverted") {
    step(t.finishedAt!, "divert", "waiting", "diverted", null);
    out.add("diversions", [
      id(t.finishedAt!),
      hall.id,
      ticketId,
      t.businessType,
      t.divertChannel,
      true,
      at(t.finishedAt!),
    ]);
  }
  const node = (
    s: number,
    code: string,
    c: HistoryHall["counters"][number] | null,
    note: string | null = null,
  ) => out.add("visit_nodes", [id(s), visitId, hall.id, code, ticketId, c?.staffId ?? null, note, at(s)]);
  if (t.greeted !== null) node(t.greeted, "Z1", null);
  if (t.status === "finished") {
    step(t.calledAt!, "call", "waiting", "called", counter);
    step(t.startedAt!, "start", "called", "serving", counter);
    step(t.finishedAt!, "finish", "serving", "finished", counter);
    node(t.startedAt!, "Z5", counter);
    if (t.recommended.length) node(t.finishedAt! - 30, "Z6", counter, t.recommended.join(","));
    node(t.finishedAt!, "Z7", counter, "completed");
  }
  if (waitBreached) {
    out.add("breaches", [
      id(t.calledAt!),
      hall.id,
      ticketId,
      null,
      "wait",
      x.bt.waitLimitSeconds,
      at(t.calledAt!),
    ]);
  }
  if (handlingBreached) {
    out.add("breaches", [
      id(t.finishedAt!),
      hall.id,
      ticketId,
      null,
      "handling",
      x.bt.handlingLimitSeconds,
      at(t.finishedAt!),
    ]);
  }
  if (x.rating) {
    const s = t.finishedAt! + 20;
    out.add("evaluations", [
      id(s),
      ticketId,
      hall.id,
      counter!.id,
      counter!.staffId,
      x.bt.code,
      t.waitSeconds,
      x.rating,
      at(s),
    ]);
  }
  if (t.phone && t.status === "finished" && t.calledAt! - t.issuedAt > 300) {
    // The near-turn SMS (R-NOTIFY), sent a few minutes before the call.
    const s = t.calledAt! - 180;
    out.add("outbox", [
      "sms",
      t.phone,
      `【营业厅】您的${number}号即将叫到，请留意叫号屏。`,
      hall.id,
      `near-turn:${ticketId}`,
      "sent",
      1,
      at(s),
      at(s),
      at(s + 2),
    ]);
  }
  if (x.events) {
    const data = {
      json: { ticket: { id: ticketId, number, status: t.status, businessType: t.businessType } },
    };
    out.add("hall_events", [hall.id, "ticket.issued", data, at(t.issuedAt)]);
    if (t.calledAt !== null) out.add("hall_events", [hall.id, "ticket.called", data, at(t.calledAt)]);
    if (t.startedAt !== null) out.add("hall_events", [hall.id, "ticket.started", data, at(t.startedAt)]);
    if (t.finishedAt !== null)
      out.add("hall_events", [hall.id, `ticket.${t.status}`, data, at(t.finishedAt)]);
  }
}
