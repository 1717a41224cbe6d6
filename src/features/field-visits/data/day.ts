import { and, asc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../core/db.js";
import { queryRows } from "../../../core/db.js";
import { localParts, zonedInstant } from "../../../core/time.js";
import { greetingsDue } from "../../care/data.js";
import { listPlans, promisesDue } from "../data.js";
import { customerNames, customersDueBy, regionFilter } from "../../customers/data.js";
import { nextDate } from "../../customers/rules.js";
import type { FieldScope } from "../../customers/scope.js";
import { fieldVisitRecords } from "../tables.js";

/**
 * The agent's day on the phone: visits due within the week (overdue first), today's appointments,
 * greetings of the coming week, promises due, open questions and archive updates with their deadlines.
 */
export async function agentDay(
  db: Db,
  scope: FieldScope,
  agentId: string | undefined,
  timeZone: string,
  now = new Date(),
) {
  const today = localParts(now, timeZone).date;
  const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
  const customers = await customersDueBy(db, scope, weekAhead, agentId);
  const dueVisits = customers
    .flatMap((c) =>
      (
        [
          ["in_person", c.nextInPersonVisitDueAt],
          ["phone", c.nextPhoneVisitDueAt],
        ] as const
      ).flatMap(([kind, dueAt]) =>
        dueAt && dueAt <= weekAhead
          ? [
              {
                customerId: c.id,
                customerName: c.name,
                tier: c.tier,
                village: c.village,
                kind,
                dueAt: dueAt.toISOString(),
                overdue: dueAt < now,
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const visits = await db
    .select()
    .from(fieldVisitRecords)
    .where(
      and(
        regionFilter(scope, fieldVisitRecords.regionCode),
        agentId ? eq(fieldVisitRecords.agentId, agentId) : undefined,
        or(
          and(isNotNull(fieldVisitRecords.answersDueAt), isNull(fieldVisitRecords.answeredAt)),
          isNull(fieldVisitRecords.archiveUpdatedAt),
        ),
      ),
    )
    .orderBy(asc(fieldVisitRecords.at))
    .limit(200);
  const names = await customerNames(
    db,
    visits.map((r) => r.customerId),
  );
  const records = visits.flatMap((r) => {
    const name = names.get(r.customerId);
    return name === undefined ? [] : [{ r, name }];
  });
  const item = (r: (typeof visits)[number], name: string, dueAt: Date) => ({
    visitRecordId: r.id,
    customerId: r.customerId,
    customerName: name,
    dueAt: dueAt.toISOString(),
    overdue: dueAt < now,
    openQuestions: r.questions.filter((q) => !q.answer).length,
  });
  return {
    date: today,
    dueVisits,
    // Today's appointments still to keep or kept; a cancelled one is no longer the agent's to do.
    plans: (
      await listPlans(db, scope, zonedInstant(today, 0, timeZone), zonedInstant(today, 24 * 60, timeZone), {
        agentId,
      })
    ).filter((p) => p.status !== "cancelled"),
    greetings: (await greetingsDue(db, scope, today, nextDate(today, 7), agentId)).filter((g) => !g.greeted),
    promises: await promisesDue(db, scope, nextDate(today, 3), agentId),
    openQuestions: records
      .filter(({ r }) => r.answersDueAt && !r.answeredAt)
      .map(({ r, name }) => item(r, name, r.answersDueAt!)),
    archiveDue: records
      .filter(({ r }) => !r.archiveUpdatedAt)
      .map(({ r, name }) => item(r, name, r.archiveDueAt)),
  };
}

type ComplianceRow = {
  agent_id: string | null;
  agent_name: string | null;
  customers: number;
  overdue_in_person: number;
  overdue_phone: number;
  visits_30: number;
  questions_overdue: number;
  archive_overdue: number;
  promises_overdue: number;
};

/** The area manager's view: per agent, customers overdue for a visit and deadlines missed (R-VISITPLAN). */
export async function cadenceCompliance(db: DbOrTx, scope: FieldScope, timeZone: string, now = new Date()) {
  const region = scope.regionCode;
  const today = localParts(now, timeZone).date;
  const at = now.toISOString();
  const rows = await queryRows<ComplianceRow>(
    db,
    // One pass per table, grouped by agent (not a correlated count per agent over materialised CTEs of
    // whole rows: copying each customer's row into the CTE, detoasted, cost 90 ms at 200 customers).
    sql`
    SELECT x.agent_id, u.display_name AS agent_name,
      sum(customers)::int AS customers, sum(overdue_in_person)::int AS overdue_in_person,
      sum(overdue_phone)::int AS overdue_phone, sum(visits_30)::int AS visits_30,
      sum(questions_overdue)::int AS questions_overdue, sum(archive_overdue)::int AS archive_overdue,
      sum(promises_overdue)::int AS promises_overdue
    FROM (
      SELECT agent_id, count(*) AS customers,
             count(*) FILTER (WHERE next_in_person_visit_due_at < ${at}::timestamptz) AS overdue_in_person,
             count(*) FILTER (WHERE next_phone_visit_due_at < ${at}::timestamptz) AS overdue_phone,
             0 AS visits_30, 0 AS questions_overdue, 0 AS archive_overdue, 0 AS promises_overdue
      FROM field_customers WHERE (${region}::text IS NULL OR region_code = ${region}) GROUP BY agent_id
      UNION ALL
      SELECT agent_id, 0, 0, 0,
             count(*) FILTER (WHERE at > ${at}::timestamptz - interval '30 days'),
             count(*) FILTER (WHERE answers_due_at < coalesce(answered_at, ${at}::timestamptz)),
             count(*) FILTER (WHERE archive_due_at < coalesce(archive_updated_at, ${at}::timestamptz)), 0
      FROM field_visit_records WHERE (${region}::text IS NULL OR region_code = ${region}) GROUP BY agent_id
      UNION ALL
      SELECT agent_id, 0, 0, 0, 0, 0, 0, count(*) FILTER (WHERE done_at IS NULL AND due_on < ${today}::date)
      FROM field_promises WHERE (${region}::text IS NULL OR region_code = ${region}) GROUP BY agent_id
    ) x LEFT JOIN users u ON u.id = x.agent_id
    GROUP BY x.agent_id, u.display_name
    ORDER BY u.display_name NULLS LAST`,
  );
  return rows.map((r) => ({
    agentId: r.agent_id,
    agentName: r.agent_name ?? "—",
    customers: Number(r.customers),
    overdueInPerson: Number(r.overdue_in_person),
    overduePhone: Number(r.overdue_phone),
    visitsLast30Days: Number(r.visits_30),
    questionsOverdue: Number(r.questions_overdue),
    archiveOverdue: Number(r.archive_overdue),
    promisesOverdue: Number(r.promises_overdue),
  }));
}
