import { and, arrayContains, desc, gte, ilike, lt, or, sql } from "drizzle-orm";
import type { Principal } from "../../../core/access.js";
import type { DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import { zonedInstant } from "../../../core/time.js";
import { scopeFilter } from "../data.js";
import { complaints, typicalCases } from "../tables.js";

// 典型案例: a closed complaint archived with a summary and lessons for training (HM ch.7 item 21), and
// the manager's view of SLA compliance: on time against breached, by week, hall or category.

export async function archiveTypicalCase(
  db: DbOrTx,
  c: typeof complaints.$inferSelect,
  input: { title: string; summary: string; lessons: string; tags: string[] },
  actorId: string,
) {
  if (c.state !== "closed")
    throw new AppError(
      "complaint_not_closed",
      `Only a closed complaint becomes a typical case; this one is ${c.state}`,
      { state: c.state },
    );
  const [row] = await db
    .insert(typicalCases)
    .values({
      complaintId: c.id,
      regionCode: c.regionCode,
      category: c.category,
      ...input,
      createdBy: actorId,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("conflict", "This complaint is already a typical case");
  return row;
}

export async function listTypicalCases(db: DbOrTx, q: { q?: string; tag?: string }) {
  const like = q.q ? `%${q.q.replace(/[%_\\]/g, "\\$&")}%` : null;
  return db
    .select()
    .from(typicalCases)
    .where(
      and(
        like
          ? or(
              ilike(typicalCases.title, like),
              ilike(typicalCases.summary, like),
              ilike(typicalCases.lessons, like),
              ilike(typicalCases.category, like),
            )
          : undefined,
        q.tag ? arrayContains(typicalCases.tags, [q.tag]) : undefined,
      ),
    )
    .orderBy(desc(typicalCases.createdAt))
    .limit(100);
}

export const presentCase = (r: typeof typicalCases.$inferSelect) => ({
  id: r.id,
  complaintId: r.complaintId,
  category: r.category,
  title: r.title,
  summary: r.summary,
  lessons: r.lessons,
  tags: r.tags,
  createdAt: r.createdAt.toISOString(),
});

/** Complaints received in [from, to] (local dates), counted on time or breached, grouped. */
export async function slaCompliance(
  db: DbOrTx,
  p: Principal,
  q: { from: string; to: string; by: "week" | "hall" | "category" },
  timeZone: string,
) {
  const start = zonedInstant(q.from, 0, timeZone);
  const end = zonedInstant(q.to, 24 * 60, timeZone);
  const key =
    q.by === "week"
      ? sql<string>`to_char(date_trunc('week', ${complaints.receivedAt} AT TIME ZONE ${timeZone}), 'YYYY-MM-DD')`
      : q.by === "hall"
        ? sql<string>`coalesce(${complaints.hallId}::text, 'region:' || ${complaints.regionCode})`
        : sql<string>`${complaints.category}`;
  const rows = await db
    .select({
      key,
      onTime: sql<number>`count(*) FILTER (WHERE NOT ${complaints.breached})::int`,
      breached: sql<number>`count(*) FILTER (WHERE ${complaints.breached})::int`,
    })
    .from(complaints)
    .where(and(scopeFilter(p), gte(complaints.receivedAt, start), lt(complaints.receivedAt, end)))
    // By position: the key expression carries a parameter (the time zone), which GROUP BY cannot match.
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({
    key: r.key,
    label: r.key,
    onTime: Number(r.onTime),
    breached: Number(r.breached),
  }));
}
