import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import { enqueueMessage } from "../../core/outbox.js";
import { ERASE_EVERY_MS, eraseOldest, retentionCutoff } from "../../core/retention.js";
import { paced } from "../../core/sweeper.js";
import { areaManagers, type FaultRow } from "./data.js";
import { faultAlerts, faults } from "./tables.js";

type Clock = "report" | "progress" | "repair";
const WARN_SHARE = 0.8;

// Each clock: when it runs, its due column, who hears the warning and who hears the breach (R-FAULT).
const clocks: Record<
  Clock,
  {
    running: string;
    due: string;
    flag: keyof FaultRow | null;
    warn: "agent" | "area";
    breach: ("agent" | "area")[];
    label: string;
  }
> = {
  report: {
    running: "state = 'recorded'",
    due: "report_due_at",
    flag: "reportLate",
    warn: "agent",
    breach: ["agent"],
    label: "10000申告",
  },
  progress: {
    running: "key_customer AND progress_contacted_at IS NULL AND state IN ('recorded','reported','repaired')",
    due: "progress_due_at",
    flag: "progressLate",
    warn: "agent",
    breach: ["agent", "area"],
    label: "重要客户进度告知",
  },
  // Before the repair limit passes the area manager hears (RA 2.5: 提前上报至片区经理).
  repair: {
    running: "state IN ('recorded','reported')",
    due: "repair_due_at",
    flag: "repairBreached",
    warn: "area",
    breach: ["agent", "area"],
    label: "修复时限",
  },
};

/**
 * Warns at 80 % and escalates at 100 % of each fault clock, once per (fault, clock, level): the alert's
 * unique index decides under the fault's row lock, so instances sweeping together do it once.
 */
export async function sweepFaultClocks(db: Db, now = new Date()) {
  let done = 0;
  const at = now.toISOString();
  for (const [clock, c] of Object.entries(clocks) as [Clock, (typeof clocks)[Clock]][]) {
    for (const level of ["warning", "breach"] as const) {
      const threshold =
        level === "warning"
          ? sql.raw(`recorded_at + (${c.due} - recorded_at) * ${WARN_SHARE}`)
          : sql.raw(c.due);
      const due = await db
        .select({ id: faults.id })
        .from(faults)
        .where(
          and(
            sql.raw(c.running),
            sql`${threshold} <= ${at}`,
            sql`NOT EXISTS (SELECT 1 FROM fault_alerts a WHERE a.fault_id = ${faults.id} AND a.clock = ${clock} AND a.level = ${level})`,
          ),
        )
        .limit(500);
      for (const { id } of due) {
        done += await db.transaction(async (tx) => {
          const [f] = await tx.select().from(faults).where(eq(faults.id, id)).for("update");
          const inserted = await tx
            .insert(faultAlerts)
            .values({ faultId: id, regionCode: f.regionCode, clock, level, at: now })
            .onConflictDoNothing()
            .returning();
          if (!inserted.length) return 0;
          const who = level === "warning" ? [c.warn] : c.breach;
          const recipients = [
            ...(who.includes("agent") ? [`user:${f.ownerId}`] : []),
            ...(who.includes("area")
              ? (await areaManagers(tx, f.regionCode)).map((m) => `user:${m.id}`)
              : []),
          ];
          for (const recipient of recipients)
            await enqueueMessage(tx, {
              channel: "sms",
              recipient,
              hallId: f.hallId,
              body: `【故障${level === "warning" ? "预警" : "超时"}】${f.customerName}（${f.address}）${c.label}${level === "warning" ? "即将到期" : "已超时"}`,
              payload: { faultId: f.id, clock, level },
              dedupeKey: `fault:${f.id}:${clock}:${level}:${recipient}`,
            });
          if (level === "breach" && c.flag)
            await tx
              .update(faults)
              .set({ [c.flag]: true })
              .where(eq(faults.id, id));
          return 1;
        });
      }
    }
  }
  return done;
}

/** R-PRIVACY retention: closed before `before`, a fault's customer phone is erased (a batch a pass). */
export async function eraseFaultPhones(db: Db, before: Date) {
  return eraseOldest(db, faults, {
    column: faults.customerPhone,
    value: "",
    where: and(lt(faults.closedAt, before), ne(faults.customerPhone, "")),
    oldest: faults.closedAt,
  });
}

export function registerFaultSweeps(ctx: AppContext) {
  ctx.sweeper.add({ name: "fault-clocks", run: () => sweepFaultClocks(ctx.db) });
  ctx.sweeper.add({
    name: "fault-retention",
    run: paced(ERASE_EVERY_MS, () => eraseFaultPhones(ctx.db, retentionCutoff(ctx.env))),
  });
}
