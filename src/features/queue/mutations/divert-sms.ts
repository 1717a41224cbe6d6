import { arrayLiteral, type Db } from "../../../core/db.js";
import { enqueueMessage } from "../../../core/outbox.js";
import { run, statement } from "../../../core/statements.js";
import { templateFor } from "../../../core/templates.js";
import { transaction } from "../../../core/transaction.js";
import { eChannels, type Hall, isEChannel } from "../../halls/contract.js";
import { smsChannelText } from "../divert-rules.js";
import { diversions, ticketNotices } from "../tables.js";

// R-DIVERT by SMS (短信分流): customers far back in a line of divertible business get a text offering the
// e-channels (and the online hall's link) — once per ticket. Each text is a diversion offered (the reports
// count it as suggested); the customer who takes it just does not come to the counter.

const selectFarBack = statement(
  `WITH w AS (
     SELECT t.id, t.number, t.phone, t.business_type,
            (row_number() OVER (PARTITION BY t.business_type ORDER BY t.vip DESC, t.queue_at, t.id) - 1)::int AS ahead
       FROM tickets t WHERE t.hall_id = $1 AND t.status = 'waiting')
   SELECT w.id, w.number, w.phone, w.business_type, w.ahead, b.name AS business_name,
          b.divert_channels AS channels
     FROM w JOIN business_types b ON b.code = w.business_type
    WHERE w.phone IS NOT NULL AND w.ahead >= $2 AND b.divert_channels && $3::text[]
      AND NOT EXISTS (SELECT 1 FROM ticket_notices n WHERE n.ticket_id = w.id AND n.kind = 'divert_sms')
    ORDER BY w.ahead DESC, w.id`,
);

type FarBack = {
  id: string;
  number: string;
  phone: string;
  business_type: string;
  ahead: number;
  business_name: string;
  channels: string[];
};

/** Texts the waiting customers at least `minAhead` places back; the tickets texted (number, places ahead). */
export async function divertBySms(
  db: Db,
  hall: Hall,
  minAhead: number,
  onlineHallUrl: string | undefined,
): Promise<{ number: string; ahead: number }[]> {
  return transaction(db, async (tx) => {
    const due = await run<FarBack>(tx, selectFarBack, [hall.id, minAhead, arrayLiteral(eChannels)]);
    if (due.length === 0) return [];
    // Claimed first, in id order: two staff pressing at once text each customer once.
    const claimed = await tx
      .insert(ticketNotices)
      .values(
        [...due]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((d) => ({ ticketId: d.id, hallId: hall.id, kind: "divert_sms" })),
      )
      .onConflictDoNothing()
      .returning({ ticketId: ticketNotices.ticketId });
    const mine = new Set(claimed.map((c) => c.ticketId));
    const sent = due.filter((d) => mine.has(d.id));
    const text = await templateFor(tx, "divert_sms");
    for (const d of sent) {
      const channels = d.channels.filter((c) => isEChannel(c));
      await enqueueMessage(tx, {
        channel: "sms",
        recipient: d.phone,
        hallId: hall.id,
        dedupeKey: `divert-sms:${d.id}`,
        body: text({
          hall: hall.name,
          number: d.number,
          ahead: d.ahead,
          business: d.business_name,
          channels: smsChannelText(channels),
          link: onlineHallUrl && channels.includes("online_hall") ? `：${onlineHallUrl}` : "。",
        }),
        payload: { ticketId: d.id, kind: "divert_sms" },
      });
    }
    if (sent.length)
      await tx.insert(diversions).values(
        sent.map((d) => ({
          hallId: hall.id,
          ticketId: d.id,
          businessType: d.business_type,
          channel: d.channels.find((c) => isEChannel(c)) ?? "online_hall",
          accepted: false,
        })),
      );
    return sent.map((d) => ({ number: d.number, ahead: d.ahead }));
  });
}
