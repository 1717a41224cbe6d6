import { and, asc, eq, gte, ne } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import type { TicketRow } from "../data.js";
import { returnPosition } from "../rules.js";
import { diversions, tickets } from "../tables.js";

/** 过号滞后: where a returning no-show goes in its own line (same type, same VIP class). */
export async function returnQueueAt(tx: DbOrTx, t: TicketRow, setback: number, now: Date): Promise<Date> {
  const line = await tx
    .select({ queueAt: tickets.queueAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.hallId, t.hallId),
        eq(tickets.status, "waiting"),
        eq(tickets.businessType, t.businessType),
        eq(tickets.vip, t.vip),
        ne(tickets.id, t.id),
      ),
    )
    .orderBy(asc(tickets.queueAt), asc(tickets.id));
  return returnPosition(
    line.map((l) => l.queueAt),
    setback,
    now,
  );
}

/**
 * R-DIVERT: every diversion offered is recorded with whether the customer took it; an offer declined
 * again (a double tap, a retry) is the same offer, recorded once. The caller holds the ticket's lock.
 */
export async function recordDiversion(tx: DbOrTx, t: TicketRow, channel: string, accepted: boolean) {
  if (!accepted) {
    const [declined] = await tx
      .select({ id: diversions.id })
      .from(diversions)
      // hall_id and at >= the issue: the hall index's range of this ticket's day, not the hall's history.
      .where(
        and(
          eq(diversions.hallId, t.hallId),
          gte(diversions.at, t.issuedAt),
          eq(diversions.ticketId, t.id),
          eq(diversions.channel, channel),
          eq(diversions.accepted, false),
        ),
      )
      .limit(1);
    if (declined) return;
  }
  await tx
    .insert(diversions)
    .values({ hallId: t.hallId, ticketId: t.id, businessType: t.businessType, channel, accepted });
}
