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
    sql`
    WITH c AS (SELECT * FROM field_customers WHERE (${region}::text IS NULL OR region_code = ${region})),
    r AS (SELECT * FROM field_visit_records WHERE (${region}::text IS NULL OR region_code = ${region})),
    p AS (SELECT * FROM field_promises WHERE (${region}::text IS NULL OR region_code = ${region})),
    agents AS (SELECT agent_id FROM c UNION SELECT agent_id FROM r UNION SELECT agent_id FROM p)
    SELECT a.agent_id, u.display_name AS agent_name,
      (SELECT count(*)::int FROM c WHERE c.agent_id IS NOT DISTINCT FROM a.agent_id) AS customers,
      (SELECT count(*)::int FROM c WHERE c.agent_id IS NOT DISTINCT FROM a.agent_id
         AND c.next_in_person_visit_due_at < ${at}::timestamptz) AS overdue_in_person,
      (SELECT count(*)::int FROM c WHERE c.agent_id IS NOT DISTINCT FROM a.agent_id
         AND c.next_phone_visit_due_at < ${at}::timestamptz) AS overdue_phone,
      (SELECT count(*)::int FROM r WHERE r.agent_id IS NOT DISTINCT FROM a.agent_id
         AND r.at > ${at}::timestamptz - interval '30 days') AS visits_30,
      (SELECT count(*)::int FROM r WHERE r.agent_id IS NOT DISTINCT FROM a.agent_id
         AND r.answers_due_at < coalesce(r.answered_at, ${at}::timestamptz)) AS questions_overdue,
      (SELECT count(*)::int FROM r WHERE r.agent_id IS NOT DISTINCT FROM a.agent_id
         AND r.archive_due_at < coalesce(r.archive_updated_at, ${at}::timestamptz)) AS archive_overdue,
      (SELECT count(*)::int FROM p WHERE p.agent_id IS NOT DISTINCT FROM a.agent_id
         AND p.done_at IS NULL AND p.due_on < ${today}::date) AS promises_overdue
    FROM agents a LEFT JOIN users u ON u.id = a.agent_id
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
