import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../core/db.js";
import { AppError, notFound } from "../../../core/errors.js";
import { announceCommitted, eventsCte, type Work, withEvents } from "../../../core/events/write.js";
import { newId } from "../../../core/ids.js";
import { rowOf, run } from "../../../core/statements.js";
import { localParts } from "../../../core/time.js";
import { sendTogether } from "../../../core/transaction.js";
import { VIP_PREFIX } from "../../halls/catalog.js";
import type { Hall } from "../../halls/contract.js";
import { getBusinessType } from "../../halls/data.js";
import { isOpenAt } from "../../halls/rules.js";
import { type PlaceColumns, placeFrom, placeSql, type TicketRow } from "../data.js";
import {
  afterQueueChange,
  nearTurnOf,
  owesEffects,
  type QueueState,
  queueStateSql,
} from "../mutations/effects.js";
import { journeys, tickets } from "../tables.js";
import type { Actor } from "./access.js";
import { checkBusinessAllowed } from "./business.js";
import { named } from "./named.js";
import { historyCte, ticketEventSql } from "./parts.js";

export type IssueInput = {
  businessType: string;
  vip?: boolean;
  phone?: string;
  channel?: TicketRow["channel"];
  visitId?: string;
  queueAt?: Date;
  appointmentId?: string;
  vipCard?: string;
};

export type IssueParams = {
  hallId: string;
  serviceDate: string;
  prefix: string;
  ticketId: string;
  visitId: string;
  /** The ticket starts a visit (it joins none). */
  newVisit: boolean;
  businessType: string;
  vip: boolean;
  channel: string;
  phone: string | null;
  queueAt: Date;
  now: Date;
  appointmentId: string | null;
  waitLimit: number;
  handlingLimit: number;
  actorId: string | null;
  /** The history row's detail (how VIP was proven). */
  detail: string | null;
  /** Near-turn places (R-NOTIFY). */
  nearTurn: number;
};

/** The issued ticket with its place, as the answer shows it. */
export type IssuedTicket = TicketRow & { ahead: number; estimatedWaitSeconds: number };

// The whole issue in one statement: the day's next number of the prefix, the visit (unless the ticket
// joins one), the ticket, its history row and its event; and, read in the same statement, the ticket's
// place and where the queue stands. The statement's snapshot does not see its own ticket: the queue's
// waiting count is one more, and the ticket itself is due a near-turn SMS when it has a phone and few
// enough are ahead (see issued).
const issueSql = (number: string) =>
  `WITH n AS (${number}),
   v AS (INSERT INTO visits (id, hall_id, entered_at)
     SELECT :visitId::uuid, :hallId::uuid, :now::timestamptz WHERE :newVisit::boolean),
   t AS (
     INSERT INTO tickets (id, hall_id, visit_id, service_date, prefix, seq, number, business_type, vip, channel,
       phone, queue_at, issued_at, appointment_id, wait_limit_seconds, handling_limit_seconds)
     SELECT :ticketId::uuid, :hallId::uuid, :visitId::uuid, :serviceDate::date, :prefix::text, n.last,
       :prefix::text || lpad(n.last::text, greatest(3, length(n.last::text)), '0'), :businessType::text,
       :vip::boolean, :channel::text, :phone::text, :queueAt::timestamptz, :now::timestamptz,
       :appointmentId::uuid, :waitLimit::int, :handlingLimit::int
     FROM n RETURNING *),
   ${historyCte("t", "issue", null, ":actorId::uuid", ":detail::text")},
   ${eventsCte(ticketEventSql("ticket.issued", "t"))}
   SELECT t.*,
     ${placeSql({ hall: ":hallId::uuid", type: ":businessType::text", vip: ":vip::boolean", queueAt: ":queueAt::timestamptz", id: ":ticketId::uuid" })},
     ${queueStateSql(":hallId::uuid", ":nearTurn::int")}
   FROM t`;

const nextNumberSql = `INSERT INTO ticket_sequences (hall_id, service_date, prefix, last)
  VALUES (:hallId::uuid, :serviceDate::date, :prefix::text, 1)
  ON CONFLICT (hall_id, service_date, prefix) DO UPDATE SET last = ticket_sequences.last + 1
  RETURNING last`;

// The sequence row is the one thing every issue of a prefix shares, and a row stays locked until its
// transaction's commit, WAL flush included. So on PostgreSQL the number is taken by a statement of its
// own, sent in the same write just before the issue, whose commit does not wait for the flush
// (synchronous_commit off for that transaction alone): the row is free again at once, and issues of a
// prefix no longer take turns at one flush each. Nothing acknowledged can be lost by it: the ticket's
// own commit is synchronous and flushes the WAL up to it, the number's commit included. A number taken
// for a ticket that never committed may be lost in a crash and given out again, never having been seen.
// The number reaches the issue through the session, tagged with the ticket's id, so a stale one from an
// earlier issue on the connection is never used (the issue then inserts nothing and fails).
export const takeNumberStatement = named<IssueParams>(
  `WITH n AS (${nextNumberSql})
   SELECT set_config('synchronous_commit', 'off', true),
     set_config('tingwu.number', :ticketId::text || ':' || last, false)
   FROM n`,
);
export const issueWithTakenNumberStatement = named<IssueParams>(
  issueSql(`SELECT split_part(current_setting('tingwu.number', true), ':', 2)::int AS last
    WHERE split_part(current_setting('tingwu.number', true), ':', 1) = :ticketId::text`),
);
// PGlite (its one connection is shared between statements) and inside a caller's transaction: in one.
export const issueStatement = named<IssueParams>(issueSql(nextNumberSql));

type IssueRow = Record<string, unknown> & PlaceColumns & QueueState;

/** The checks before an issue (R-CATALOG, opening hours, the visit it joins) and the statement's values. */
async function prepare(db: DbOrTx, hall: Hall, input: IssueInput, actor: Actor, timeZone: string, now: Date) {
  const bt = await getBusinessType(db, input.businessType).catch(() => {
    throw new AppError("invalid_input", `Unknown business type ${input.businessType}`);
  });
  await checkBusinessAllowed(db, hall, bt);
  if (!isOpenAt(hall.openingHours, now, timeZone)) {
    throw new AppError("hall_closed", `${hall.name}现在不在营业时间 / The hall is closed now`, {
      openingHours: hall.openingHours,
    });
  }
  if (input.visitId) {
    const [v] = await db
      .select({ id: journeys.id })
      .from(journeys)
      .where(and(eq(journeys.id, input.visitId), eq(journeys.hallId, hall.id)));
    if (!v) throw notFound("Visit");
  }
  const vip = input.vip ?? false;
  return {
    hallId: hall.id,
    serviceDate: localParts(now, timeZone).date,
    prefix: vip ? VIP_PREFIX : bt.prefix,
    ticketId: newId(),
    visitId: input.visitId ?? newId(),
    newVisit: !input.visitId,
    businessType: bt.code,
    vip,
    channel: input.channel ?? "kiosk",
    phone: input.phone ?? null,
    queueAt: input.queueAt ?? now,
    now,
    appointmentId: input.appointmentId ?? null,
    waitLimit: hall.effectiveSettings.waitLimitSeconds?.[bt.code] ?? bt.waitLimitSeconds,
    handlingLimit: bt.handlingLimitSeconds,
    actorId: actor.userId,
    detail: input.vipCard ? `VIP card ****${input.vipCard.slice(-4)}` : vip ? "VIP by phone" : null,
    nearTurn: nearTurnOf(hall),
  } satisfies IssueParams;
}

/** The ticket with its place, and where the queue stands counting it (see issueSql). */
function issued(row: IssueRow | undefined, p: IssueParams) {
  if (!row) throw new Error("The ticket was not issued: its number did not reach the issuing statement");
  const t = rowOf(tickets)(row);
  const place = placeFrom(row, t.handlingLimitSeconds);
  const state: QueueState = {
    waiting: row.waiting + 1,
    level: row.level,
    open: row.open,
    due:
      p.phone && place.ahead < p.nearTurn
        ? [...row.due, { id: t.id, phone: p.phone, number: t.number, ahead: place.ahead }]
        : row.due,
  };
  return { ticket: Object.assign(t, place) as IssuedTicket, state };
}

/**
 * R-TICKET: issue a numbered ticket (prefix + 3 digits, per hall and prefix, restarting each local day),
 * by itself: the statement commits alone, and the queue's effects, when it owes any, follow in a
 * transaction of their own. The answer carries the ticket's place: people ahead in its line and the
 * estimated wait.
 */
export async function issueTicketNow(
  db: Db,
  hall: Hall,
  input: IssueInput,
  actor: Actor,
  timeZone: string,
  now = new Date(),
): Promise<IssuedTicket> {
  const p = await prepare(db, hall, input, actor, timeZone, now);
  const together = await sendTogether(db, [
    [takeNumberStatement, takeNumberStatement.values(p)],
    [issueWithTakenNumberStatement, issueWithTakenNumberStatement.values(p)],
  ]);
  const rows = together?.[1] ?? (await run(db, issueStatement, issueStatement.values(p)));
  const { ticket, state } = issued(rows[0] as IssueRow | undefined, p);
  await announceCommitted(db, [hall.id]);
  if (owesEffects(hall, state)) await withEvents(db, (work) => afterQueueChange(work, hall));
  return ticket;
}

/**
 * The same issue as one step of the caller's transaction (a check-in: the appointment is checked in
 * if and only if its ticket exists), effects included; the hall's screens learn of it at the commit.
 */
export async function issueTicket(
  work: Work,
  hall: Hall,
  input: IssueInput,
  actor: Actor,
  timeZone: string,
  now = new Date(),
): Promise<IssuedTicket> {
  const p = await prepare(work.tx, hall, input, actor, timeZone, now);
  const [row] = await run<IssueRow>(work.tx, issueStatement, issueStatement.values(p));
  const { ticket, state } = issued(row, p);
  work.announce(hall.id);
  if (owesEffects(hall, state)) await afterQueueChange(work, hall, Promise.resolve(state));
  return ticket;
}
