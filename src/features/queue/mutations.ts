import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../core/db.js";
import { AppError, notFound } from "../../core/errors.js";
import type { HallEventType } from "../../core/events/catalogue.js";
import { type Work, withEvents } from "../../core/events/write.js";
import { rowOf, run, statement, updateById } from "../../core/statements.js";
import type { Counter, Hall } from "../halls/contract.js";
import { checkHolder } from "../halls/data/holders.js";
import { getBusinessType, getCounter } from "../halls/data.js";
import { lockCounter } from "../halls/mutations.js";
import { lastNoShows, presentTicket, type TicketRow } from "./data.js";
import { afterQueueChange, queueStateAfter } from "./mutations/effects.js";
import { recordDiversion, returnQueueAt } from "./mutations/line.js";
import { canApply, ticketTransitions, undoNoShowRefusal } from "./rules.js";
import { type Actor, withinHall } from "./steps/access.js";
import { checkBusinessAllowed } from "./steps/business.js";
import { type FinishInput, finishTicket } from "./steps/finish.js";
import { counterBusy, ticketRefused } from "./steps/refusal.js";
import { startTicket } from "./steps/start.js";
import { ticketHistory, tickets } from "./tables.js";

// The ticket steps that are not (yet) one statement each — recall, no-show and its undo, return,
// cancel, transfer, divert — as one transaction each: lock the ticket, check, change, history, event.
// issue, call-next, call, start and finish are statements of their own (steps/).

export type { Actor } from "./steps/access.js";

/** The step's history row, written with the change's events at its end. */
function history(
  work: Work,
  t: TicketRow,
  action: string,
  from: string | null,
  actor: Actor,
  detail?: string,
) {
  work.append(ticketHistory, {
    hallId: t.hallId,
    ticketId: t.id,
    action,
    fromStatus: from,
    toStatus: t.status,
    counterId: t.counterId,
    actorId: actor.userId,
    detail: detail ?? null,
  });
}

const counterInfo = (c: Counter) => ({ id: c.id, number: c.number, label: c.label });

/** Locks the counter (one call at a time per counter) and checks it is open. */
async function lockOpenCounter(tx: DbOrTx, hallId: string, counterId: string): Promise<Counter> {
  const counter = await lockCounter(tx, hallId, counterId);
  if (counter.status !== "open")
    throw new AppError("counter_closed", `Counter ${counter.label} is closed`, { state: "closed" });
  return counter;
}

const selectTicketByIdForUpdate = statement("SELECT * FROM tickets WHERE id = $1 FOR NO KEY UPDATE");

/** A ticket step of this file: one transaction each. */
export type StepInput =
  | { action: "recall" | "no_show" | "undo_no_show" | "cancel" }
  | { action: "return"; setback: number }
  | { action: "transfer"; businessType?: string; counterId?: string }
  | { action: "divert"; channel: string; accepted: boolean };

/** Any step of the ticket state machine on a ticket known by id (start and finish: their statements). */
export type ActionInput = StepInput | { action: "start" } | ({ action: "finish" } & FinishInput);

type StepAction = StepInput["action"];

const eventFor: Record<StepAction, HallEventType> = {
  recall: "ticket.recalled",
  no_show: "ticket.no_show",
  undo_no_show: "ticket.no_show_undone",
  return: "ticket.returned",
  cancel: "ticket.cancelled",
  transfer: "ticket.transferred",
  divert: "ticket.diverted",
};

/** Applies one step of the ticket state machine to a ticket of `hall` (the simulation, tests). */
export async function applyTicketAction(
  db: Db,
  hall: Hall,
  ticketId: string,
  input: ActionInput,
  actor: Actor,
  now = new Date(),
) {
  if (input.action === "start") return startTicket(db, ticketId, withinHall(hall, actor), now);
  if (input.action === "finish") return finishTicket(db, ticketId, input, withinHall(hall, actor), now);
  return actOnTicket(
    db,
    ticketId,
    async (t) => {
      if (t.hallId !== hall.id) throw notFound("Ticket");
      return { hall, input, actor };
    },
    now,
  );
}

export type TicketScope = (
  t: TicketRow,
  tx: DbOrTx,
) => Promise<{ hall: Hall; input: StepInput; actor: Actor }>;

/**
 * One step on a ticket known only by its id, in a transaction: `scope` sees the locked ticket, checks
 * the caller may act in its hall (throwing 403 rolls everything back) and says what to do — one read
 * fewer than looking the ticket up first and locking it again.
 */
export async function actOnTicket(db: Db, ticketId: string, scope: TicketScope, now = new Date()) {
  return withEvents(db, async (work) => {
    const { tx } = work;
    const [row] = await run(tx, selectTicketByIdForUpdate, [ticketId]);
    if (!row) throw notFound("Ticket");
    const t = rowOf(tickets)(row);
    const { hall, input, actor } = await scope(t, tx);
    if (!canApply(input.action, t.status)) throw ticketRefused(input.action, t.status);
    // A counter's own steps are its holder's (or a manager's); undo_no_show checks the counter it left.
    if (ticketTransitions[input.action].capability === "counter.operate" && t.counterId) {
      await checkHolder(tx, await getCounter(tx, hall.id, t.counterId), actor);
    }
    const { changes, detail } = await changesFor(tx, hall, t, input, actor, now);
    // Offered but declined: recorded (once per channel), the ticket keeps its place. And a step to the
    // state the ticket is in that changes nothing (a transfer to the line and counter it already has, as
    // a double tap or a retry sends it) is no step: no history row, no event, the ticket as it is.
    if (input.action === "divert" && !input.accepted) return t;
    if (changesNothing(t, ticketTransitions[input.action].to, changes)) return t;
    const update = updateById(tx, tickets, t.id, { ...changes, status: ticketTransitions[input.action].to });
    // Only a ticket that leaves or joins the waiting line moves the peak ratio and the near-turn places.
    const movesQueue = t.status === "waiting" || ticketTransitions[input.action].to === "waiting";
    const state = movesQueue ? queueStateAfter(tx, hall) : null;
    const updated = (await update)!;
    // A no-show's history row names the counter it left: the one where it may be taken back.
    history(
      work,
      input.action === "no_show" ? { ...updated, counterId: t.counterId } : updated,
      input.action,
      t.status,
      actor,
      detail,
    );
    const at = t.counterNumber !== null ? t : updated;
    work.publish(hall.id, eventFor[input.action], {
      ticket: presentTicket(updated),
      ...(at.counterNumber !== null ? { counter: { id: at.counterId, number: at.counterNumber } } : {}),
    });
    if (state) await afterQueueChange(work, hall, state);
    return updated;
  });
}

/** Whether a transition to `to` with these changes leaves the ticket exactly as it is. */
function changesNothing(t: TicketRow, to: TicketRow["status"], changes: Partial<TicketRow>): boolean {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);
  return t.status === to && Object.entries(changes).every(([k, v]) => same(t[k as keyof TicketRow], v));
}

/**
 * 过号撤销: the ticket goes back exactly as it was — called at the counter it left, by the same person —
 * when that person asks within the minute and the counter, still theirs, has not called anyone since.
 */
async function undoNoShow(tx: DbOrTx, hall: Hall, t: TicketRow, actor: Actor, now: Date) {
  const mark = (await lastNoShows(tx, [t.id])).get(t.id) ?? null;
  const refusal = undoNoShowRefusal(mark, actor.userId, now);
  if (refusal) throw new AppError(refusal.code, refusal.message, { state: t.status });
  const counter = await lockOpenCounter(tx, hall.id, mark!.counterId!);
  await checkHolder(tx, counter, actor);
  const busy = await counterBusy(tx, counter);
  if (busy) throw busy;
  return { counterId: counter.id, counterNumber: counter.number, staffId: actor.userId };
}

async function changesFor(tx: DbOrTx, hall: Hall, t: TicketRow, input: StepInput, actor: Actor, now: Date) {
  const release = { counterId: null, counterNumber: null, staffId: null };
  switch (input.action) {
    case "recall":
      return { changes: { recallCount: t.recallCount + 1, calledAt: now } };
    case "no_show":
      return { changes: { ...release } };
    case "undo_no_show":
      return { changes: await undoNoShow(tx, hall, t, actor, now), detail: "no-show taken back" };
    case "cancel":
      return { changes: { ...release, finishedAt: now } };
    case "return": {
      return {
        changes: { queueAt: await returnQueueAt(tx, t, input.setback, now) },
        detail: `setback ${input.setback}`,
      };
    }
    case "transfer": {
      const businessType = input.businessType ?? t.businessType;
      if (input.businessType) {
        const bt = await getBusinessType(tx, input.businessType).catch(() => {
          throw new AppError("invalid_input", `Unknown business type ${input.businessType}`);
        });
        await checkBusinessAllowed(tx, hall, bt);
      }
      if (input.counterId) {
        // Locked, so a close cannot slip in between this check and the commit: closing releases the
        // tickets sent to the counter (releaseCounterTargets), and a ticket sent to a closed counter
        // would never be called. (Ticket, then counter: the reverse of callTicket's and a close's order,
        // so racing one of them on the same ticket and counter may deadlock; PostgreSQL refuses one.)
        const c = await lockCounter(tx, hall.id, input.counterId);
        if (c.status !== "open") {
          throw new AppError(
            "counter_closed",
            `Counter ${c.label} is closed; transfer to the business type's line instead`,
            { counter: counterInfo(c) },
          );
        }
        if (!c.businessTypes.includes(businessType)) {
          throw new AppError("rule_violation", `Counter ${c.label} does not serve ${businessType}`);
        }
      }
      // Keeps queue_at: the customer keeps the place earned by the original issue time.
      return {
        changes: { ...release, businessType, targetCounterId: input.counterId ?? null, startedAt: null },
        detail: `to ${businessType}${input.counterId ? ` at counter ${input.counterId}` : ""}`,
      };
    }
    case "divert": {
      await recordDiversion(tx, t, input.channel, input.accepted);
      return { changes: { divertChannel: input.channel, finishedAt: now }, detail: input.channel };
    }
  }
}

/**
 * A counter that closes sends the waiting tickets transferred to it back to their business type's line,
 * each keeping its place; run in the close's transaction, after the counter is locked.
 */
export async function releaseCounterTargets(work: Work, hall: Hall, counter: Counter, actor: Actor) {
  const released = await work.tx
    .update(tickets)
    .set({ targetCounterId: null })
    .where(
      and(
        eq(tickets.hallId, hall.id),
        eq(tickets.targetCounterId, counter.id),
        eq(tickets.status, "waiting"),
      ),
    )
    .returning();
  for (const t of released) {
    history(work, t, "transfer", t.status, actor, `counter ${counter.label} closed: back to the line`);
    work.publish(hall.id, "ticket.transferred", { ticket: presentTicket(t) });
  }
  return released;
}
