import { sql } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import { type Db, type DbOrTx, queryRows } from "../../core/db.js";
import { enqueueMessage } from "../../core/outbox.js";
import { localParts } from "../../core/time.js";
import { activeStaff, findUser } from "../users/data.js";

type Claimed = { id: string; region_code: string; agent_id: string | null; name: string; due: string };

// Field timers (ARCHITECTURE: deadlines are columns, sweeps are safe with several instances). Each sweep
// claims rows with FOR UPDATE SKIP LOCKED, marks them and writes its messages in the same transaction,
// and every message carries a dedupe key: a lapse, a missed deadline or a contract reminder is told once.

async function staffOf(db: DbOrTx, regionCode: string, agentId: string | null) {
  const managers = await activeStaff(db, { role: "area_manager", regionCode });
  const found = agentId ? await findUser(db, agentId) : null;
  const agent = found ? [found] : [];
  return [...agent, ...managers.filter((m) => m.id !== agentId)];
}

export async function tell(
  tx: DbOrTx,
  regionCode: string,
  agentId: string | null,
  key: string,
  body: string,
  payload: object,
) {
  for (const u of await staffOf(tx, regionCode, agentId)) {
    await enqueueMessage(tx, {
      channel: "email",
      recipient: u.username,
      body,
      payload,
      dedupeKey: `${key}:${u.id}`,
    });
  }
}

/** R-OPP: each active contract reminded N days before it ends (default 60 and 30), each reminder once. */
export async function sweepContractReminders(db: Db, timeZone: string, now = new Date()) {
  const today = localParts(now, timeZone).date;
  return db.transaction(async (tx) => {
    const rows = await queryRows<Claimed & { days: number[]; title: string; ends_on: string }>(
      tx,
      sql`WITH due AS (
          SELECT k.id, (SELECT array_agg(d ORDER BY d) FROM unnest(k.reminder_days) d
            WHERE k.ends_on - d <= ${today}::date AND NOT d = ANY(k.reminded_days)) AS days
          FROM field_contracts k
          WHERE k.status = 'active' AND k.ends_on >= ${today}::date
            AND EXISTS (SELECT 1 FROM unnest(k.reminder_days) d
              WHERE k.ends_on - d <= ${today}::date AND NOT d = ANY(k.reminded_days))
          LIMIT 200 FOR UPDATE OF k SKIP LOCKED)
        UPDATE field_contracts k SET reminded_days = k.reminded_days || due.days
        FROM due, field_customers c
        WHERE k.id = due.id AND c.id = k.customer_id
        RETURNING k.id, k.region_code, c.agent_id, c.name, k.title, k.ends_on::text AS ends_on, due.days`,
    );
    for (const r of rows) {
      const days = Math.min(...r.days);
      await tell(
        tx,
        r.region_code,
        r.agent_id,
        `field-contract:${r.id}:${days}`,
        `${r.name}：协议「${r.title}」将于${r.ends_on}到期（提前${days}天提醒），请做好续约工作`,
        { kind: "field.contract_ending", contractId: r.id, endsOn: r.ends_on, days },
      );
    }
    return rows.length;
  });
}

/** The archive's timer: contract reminders before a contract ends (R-CUST). */
export function registerCustomerSweeps(ctx: AppContext) {
  const tz = ctx.env.TINGWU_TIMEZONE;
  ctx.sweeper.add({ name: "field-contracts", run: () => sweepContractReminders(ctx.db, tz) });
}
