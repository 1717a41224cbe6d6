import type { DbOrTx } from "../../core/db.js";
import { enqueueMessage } from "../../core/outbox.js";
import type { ComplaintRow } from "./data.js";
import { staffWithRole } from "./data.js";

// Who hears of a complaint at each escalation level (升级): 0 the owner, 1 the hall's managers,
// 2 the region's area managers, 3 the operator's complaint desk (a webhook). Staff are addressed as
// "user:<id>"; the SMS adapter resolves them to numbers, which the core user record does not hold.
export async function recipientsAt(
  tx: DbOrTx,
  c: Pick<ComplaintRow, "ownerId" | "hallId" | "regionCode">,
  level: number,
): Promise<{ channel: "sms" | "webhook"; recipient: string }[]> {
  if (level <= 0) return [{ channel: "sms", recipient: `user:${c.ownerId}` }];
  if (level === 1) {
    const managers = await staffWithRole(tx, "hall_manager", { hallId: c.hallId });
    if (managers.length) return managers.map((m) => ({ channel: "sms", recipient: `user:${m.id}` }));
  }
  if (level <= 2) {
    const area = await staffWithRole(tx, "area_manager", { regionCode: c.regionCode });
    if (area.length) return area.map((m) => ({ channel: "sms", recipient: `user:${m.id}` }));
  }
  return [{ channel: "webhook", recipient: "complaint-desk" }];
}

/** One message per recipient, each once: the dedupe key names the event and the recipient. */
export async function notifyAll(
  tx: DbOrTx,
  recipients: { channel: "sms" | "webhook"; recipient: string }[],
  body: string,
  dedupe: string,
  payload: Record<string, unknown>,
  hallId: string | null,
) {
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r.recipient)) continue;
    seen.add(r.recipient);
    await enqueueMessage(tx, {
      channel: r.channel,
      recipient: r.recipient,
      body,
      hallId,
      payload,
      dedupeKey: `${dedupe}:${r.recipient}`,
    });
  }
}
