import { sql } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import { type Db, queryRows } from "../../core/db.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { nextDate } from "../customers/rules.js";
import { tell } from "../customers/sweeps.js";
import { weeklyOpportunityReport } from "./data/opportunities.js";
import { weekStart } from "./rules.js";

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
    // The regions with opportunities, hopping the region index one region at a time (a DISTINCT read
    // every opportunity ever recorded).
    sql`WITH RECURSIVE r AS (
          SELECT min(region_code) AS region_code FROM field_opportunities
          UNION ALL
          SELECT (SELECT min(region_code) FROM field_opportunities o WHERE o.region_code > r.region_code)
          FROM r WHERE r.region_code IS NOT NULL)
        SELECT region_code FROM r WHERE region_code IS NOT NULL`,
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

/** The field-visit timers: customers past their visit dates, missed deadlines, the weekly report. */
export function registerVisitSweeps(ctx: AppContext) {
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;
  const weeksDone = new Set<string>();
  ctx.sweeper.add({ name: "field-overdue-visits", run: () => sweepOverdueVisits(db) });
  ctx.sweeper.add({ name: "field-deadlines", run: () => sweepMissedDeadlines(db, tz) });
  ctx.sweeper.add({
    name: "field-weekly-report",
    run: () => sweepWeeklyReports(db, tz, new Date(), weeksDone),
  });
}
