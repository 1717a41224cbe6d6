import { and, eq, isNotNull, lt, lte, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import { ERASE_EVERY_MS, eraseOldest, retentionCutoff } from "../../core/retention.js";
import { paced } from "../../core/sweeper.js";
import { notifyAll, recipientsAt } from "./alerts.js";
import type { ClockKind } from "./contract.js";
import { addHistory, lockComplaint } from "./mutations.js";
import { nextLevel } from "./rules.js";
import { complaintAlerts, complaints } from "./tables.js";

const clockName: Record<ClockKind, string> = {
  first_reply: "首次回复",
  progress: "进度告知",
  callback: "回访",
  appeal_decision: "申诉受理决定",
  appeal_reply: "申诉答复",
};

const alerted = (level: "warning" | "breach") => sql`EXISTS (
  SELECT 1 FROM complaint_alerts a WHERE a.complaint_id = ${complaints.id} AND a.clock = ${complaints.dueKind}
    AND a.due_at = ${complaints.dueAt} AND a.level = ${level})`;

/**
 * R-CMP-SLA escalation: at 80 % of a limit the owner and their manager are warned; when it passes the
 * complaint goes up one level (hall manager → area manager → operator complaint desk), is marked as
 * breached and counted. Each (complaint, clock, due time, level) happens once: the alert's unique index
 * decides, under the complaint's row lock, so instances sweeping together do it once. `now` is a
 * parameter so tests can move the clock.
 */
export async function sweepComplaintClocks(db: Db, now = new Date()) {
  const candidates = await db
    .select({ id: complaints.id })
    .from(complaints)
    .where(
      and(
        isNotNull(complaints.warnAt),
        lte(complaints.warnAt, now),
        sql`(NOT ${alerted("warning")} OR (${complaints.dueAt} <= ${now.toISOString()} AND NOT ${alerted("breach")}))`,
      ),
    )
    .limit(500);
  let done = 0;
  for (const { id } of candidates) {
    for (const level of ["warning", "breach"] as const) {
      done += await db.transaction(async (tx) => {
        const c = await lockComplaint(tx, id);
        if (!c.dueKind || !c.dueAt || !c.warnAt) return 0;
        if ((level === "warning" ? c.warnAt : c.dueAt) > now) return 0;
        const up = nextLevel(c.escalationLevel, c.hallId !== null);
        const inserted = await tx
          .insert(complaintAlerts)
          .values({
            complaintId: c.id,
            regionCode: c.regionCode,
            clock: c.dueKind,
            dueAt: c.dueAt,
            level,
            escalatedTo: level === "breach" ? up : null,
            at: now,
          })
          .onConflictDoNothing()
          .returning({ id: complaintAlerts.id });
        if (!inserted.length) return 0;
        const what = clockName[c.dueKind];
        const dedupe = `complaint:${c.id}:${c.dueKind}:${c.dueAt.getTime()}:${level}`;
        const payload = { complaintId: c.id, clock: c.dueKind, dueAt: c.dueAt.toISOString(), level };
        const owner = await recipientsAt(tx, c, 0);
        if (level === "warning") {
          await notifyAll(
            tx,
            [...owner, ...(await recipientsAt(tx, c, up))],
            `【投诉预警】${c.customerName}的投诉${what}时限将到（${c.dueAt.toISOString()}），请及时处理。`,
            dedupe,
            payload,
            c.hallId,
          );
          return 1;
        }
        await tx
          .update(complaints)
          .set({ escalationLevel: up, breached: true, breachCount: c.breachCount + 1 })
          .where(eq(complaints.id, c.id));
        await addHistory(tx, c, {
          action: "escalated",
          from: c.state,
          to: c.state,
          actorId: null,
          note: `${what}超时，升级至第${up}级`,
          at: now,
          data: { clock: c.dueKind, level: up },
        });
        await notifyAll(
          tx,
          [...owner, ...(await recipientsAt(tx, c, up))],
          `【投诉升级】${c.customerName}的投诉${what}已超时，已升级处理。`,
          dedupe,
          { ...payload, escalatedTo: up },
          c.hallId,
        );
        return 1;
      });
    }
  }
  return done;
}

/** R-PRIVACY retention: closed before `before`, a complaint's customer phone is erased (a batch a pass). */
export async function eraseComplaintPhones(db: Db, before: Date) {
  return eraseOldest(db, complaints, {
    column: complaints.customerPhone,
    value: "",
    where: and(lt(complaints.closedAt, before), ne(complaints.customerPhone, "")),
    oldest: complaints.closedAt,
  });
}

export function registerComplaintSweeps(ctx: AppContext) {
  ctx.sweeper.add({ name: "complaint-clocks", run: () => sweepComplaintClocks(ctx.db) });
  ctx.sweeper.add({
    name: "complaint-retention",
    run: paced(ERASE_EVERY_MS, () => eraseComplaintPhones(ctx.db, retentionCutoff(ctx.env))),
  });
}
