import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import { type Db, type DbOrTx, queryRows } from "../../core/db.js";
import { enqueueMessage } from "../../core/outbox.js";
import { users } from "../../core/tables.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { weeklyOpportunityReport } from "./opportunities.js";
import { nextDate, weekStart } from "./rules.js";

// Field timers (ARCHITECTURE: deadlines are columns, sweeps are safe with several instances). Each sweep
// claims rows with FOR UPDATE SKIP LOCKED, marks them and writes its messages in the same transaction,
// and every message carries a dedupe key: a lapse, a missed deadline or a contract reminder is told once.

async function staffOf(db: DbOrTx, regionCode: string, agentId: string | null) {
  const managers = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(eq(users.role, "area_manager"), eq(users.regionCode, regionCode), eq(users.active, true)));
  const agent = agentId
    ? await db.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, agentId))
    : [];
  return [...agent, ...managers.filter((m) => m.id !== agentId)];
}

async function tell(
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

type Claimed = { id: string; region_code: string; agent_id: string | null; name: string; due: string };

/** R-VISITPLAN: a customer past its in-person or phone due date is flagged to the agent and area manager. */
export async function sweepOverdueVisits(db: Db, now = new Date()) {
  let n = 0;
  for (const kind of ["in_person", "phone"] as const) {
    const due = kind === "in_person" ? "next_in_person_visit_due_at" : "next_phone_visit_due_at";
    const mark = kind === "in_person" ? "in_person_overdue_notice_for" : "phone_overdue_notice_for";
    await db.transaction(async (tx) => {
      const rows = await queryRows<Claimed>(
        tx,
        sql`UPDATE field_customers SET ${sql.raw(mark)} = ${sql.raw(due)}
        WHERE id IN (SELECT id FROM field_customers
          WHERE ${sql.raw(due)} < ${now.toISOString()}::timestamptz
            AND ${sql.raw(mark)} IS DISTINCT FROM ${sql.raw(due)}
          ORDER BY ${sql.raw(due)} LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING id, region_code, agent_id, name, ${sql.raw(due)}::text AS due`,
      );
      for (const r of rows) {
        const what = kind === "in_person" ? "上门拜访" : "电话拜访";
        await tell(
          tx,
          r.region_code,
          r.agent_id,
          `field-overdue:${r.id}:${kind}:${r.due}`,
          `${r.name}：${what}已逾期`,
          {
            kind: "field.visit_overdue",
            customerId: r.id,
            visitKind: kind,
            dueAt: r.due,
          },
        );
      }
      n += rows.length;
    });
  }
  return n;
}

/** R-VISITLOG: open questions past 2 working days, archive updates past 3, promises past their date. */
export async function sweepMissedDeadlines(db: Db, timeZone: string, now = new Date()) {
  const at = now.toISOString();
  const today = localParts(now, timeZone).date;
  const jobs = [
    {
      key: "field-answers",
      text: "客户问题未在2个工作日内答复",
      claim: sql`UPDATE field_visit_records r SET answers_reminded = true FROM field_customers c
        WHERE c.id = r.customer_id AND r.id IN (SELECT id FROM field_visit_records WHERE NOT answers_reminded
          AND answered_at IS NULL AND answers_due_at < ${at}::timestamptz LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING r.id, r.region_code, r.agent_id, c.name, r.answers_due_at::text AS due`,
    },
    {
      key: "field-archive",
      text: "拜访后3个工作日内未更新客户档案",
      claim: sql`UPDATE field_visit_records r SET archive_reminded = true FROM field_customers c
        WHERE c.id = r.customer_id AND r.id IN (SELECT id FROM field_visit_records WHERE NOT archive_reminded
          AND archive_updated_at IS NULL AND archive_due_at < ${at}::timestamptz LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING r.id, r.region_code, r.agent_id, c.name, r.archive_due_at::text AS due`,
    },
    {
      key: "field-promise",
      text: "拜访承诺已到期未履行",
      claim: sql`UPDATE field_promises p SET reminded = true FROM field_customers c
        WHERE c.id = p.customer_id AND p.id IN (SELECT id FROM field_promises WHERE NOT reminded
          AND done_at IS NULL AND due_on < ${today}::date LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING p.id, p.region_code, p.agent_id, c.name, p.due_on::text AS due`,
    },
  ];
  let n = 0;
  for (const job of jobs) {
    await db.transaction(async (tx) => {
      const rows = await queryRows<Claimed>(tx, job.claim);
      for (const r of rows) {
        await tell(tx, r.region_code, r.agent_id, `${job.key}:${r.id}`, `${r.name}：${job.text}`, {
          kind: job.key,
          id: r.id,
          dueAt: r.due,
        });
      }
      n += rows.length;
    });
  }
  return n;
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

/** RA 2.3: every Monday, last week's opportunity report per agent goes to each region's area managers. */
export async function sweepWeeklyReports(
  db: Db,
  timeZone: string,
  now = new Date(),
  done = new Set<string>(),
) {
  const thisWeek = weekStart(localParts(now, timeZone).date);
  const last = nextDate(thisWeek, -7);
  if (done.has(last)) return 0;
  const regions = await queryRows<{ region_code: string }>(
    db,
    sql`SELECT DISTINCT region_code FROM field_opportunities`,
  );
  const from = zonedInstant(last, 0, timeZone);
  const to = zonedInstant(thisWeek, 0, timeZone);
  for (const { region_code: region } of regions) {
    const lines = await weeklyOpportunityReport(
      db,
      { regionCode: region, userId: null, role: "system" },
      from,
      to,
    );
    const body = lines
      .map(
        (l) => `${l.agentName}: 新增${l.created} 推进${l.advanced} 成功${l.won} 失败${l.lost} 在跟${l.open}`,
      )
      .join("\n");
    await db.transaction(async (tx) =>
      tell(tx, region, null, `field-opp-weekly:${region}:${last}`, `商机周报 ${last}\n${body}`, {
        kind: "field.opportunity_weekly",
        weekStart: last,
        agents: lines,
      }),
    );
  }
  done.add(last);
  return regions.length;
}

export function registerFieldSweeps(ctx: AppContext) {
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;
  const weeksDone = new Set<string>();
  ctx.sweeper.add({ name: "field-overdue-visits", run: () => sweepOverdueVisits(db) });
  ctx.sweeper.add({ name: "field-deadlines", run: () => sweepMissedDeadlines(db, tz) });
  ctx.sweeper.add({ name: "field-contracts", run: () => sweepContractReminders(db, tz) });
  ctx.sweeper.add({
    name: "field-weekly-report",
    run: () => sweepWeeklyReports(db, tz, new Date(), weeksDone),
  });
}
