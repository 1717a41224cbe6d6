import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import type { MailPayload } from "../../core/mail.js";
import { enqueuedKeys, enqueueMessage } from "../../core/outbox.js";
import { nextDay } from "../../core/periods.js";
import { paced } from "../../core/sweeper.js";
import { localParts } from "../../core/time.js";
import { XLSX_TYPE } from "../customers/xlsx.js";
import { listHalls } from "../halls/data.js";
import { usersWithEmail } from "../users/data.js";
import { lastClosedDays, lastClosedRegionDays } from "./data/rollups.js";
import { reportMail } from "./mail.js";
import { closeRegionDay } from "./mutations/region-rollups.js";
import { closeHallDay } from "./mutations/rollups.js";
import { dueReports } from "./schedule-rules.js";
import { firstDaysOf } from "./summary.js";
import { buildReport } from "./summary-report.js";
import { summaryWorkbook } from "./workbook.js";

// Issue 15: closing each hall's local days into roll-ups. Idempotent (a day is replaced whole), safe with
// several instances (an advisory lock per hall-day), and it catches up after downtime from the day after
// the last closed one. A pass closes at most `budget` days: the sweeper runs its tasks one after another,
// and a catch-up of a month of a thousand halls must not hold the breaches and the outbox for minutes —
// a pass that used its whole budget is followed by another at the next beat.

const EVERY_MS = 60_000;
const DAYS_PER_PASS = 31;
export const CLOSES_PER_PASS = 200;
export const REPORTS_PER_PASS = 10;

export async function sweepRollups(db: Db, timeZone: string, now = new Date(), budget = CLOSES_PER_PASS) {
  const today = localParts(now, timeZone).date;
  let closed = 0;
  const halls = await listHalls(db, {});
  // Where each hall and region stands, a statement each, and the first days of those never closed in one
  // more: a pass with nothing to close costs the same few statements for ten halls or a thousand (issue 17).
  const codes = [...new Set(halls.map((h) => h.regionCode))].sort();
  const last = await lastClosedDays(
    db,
    halls.map((h) => h.id),
  );
  const lastOfRegion = await lastClosedRegionDays(db, codes);
  const first = await firstDaysOf(
    db,
    halls.filter((h) => !last.has(h.id) || !lastOfRegion.has(h.regionCode)),
    timeZone,
  );
  for (const hall of halls) {
    if (closed >= budget) return closed;
    const l = last.get(hall.id);
    let day = l ? nextDay(l) : (first.get(hall.id) as string);
    for (let i = 0; i < DAYS_PER_PASS && day < today && closed < budget; i++, day = nextDay(day))
      if (await closeHallDay(db, hall, day, timeZone)) closed++;
  }
  // The regions' own records (complaints, faults, field visits), a region-day at a time the same way; a
  // region never closed starts at its earliest hall's first day.
  for (const code of codes) {
    if (closed >= budget) return closed;
    const l = lastOfRegion.get(code);
    let day = l
      ? nextDay(l)
      : halls
          .filter((h) => h.regionCode === code)
          .map((h) => first.get(h.id) as string)
          .sort()[0];
    for (let i = 0; i < DAYS_PER_PASS && day < today && closed < budget; i++, day = nextDay(day))
      if (await closeRegionDay(db, code, day, timeZone)) closed++;
  }
  return closed;
}

/**
 * The scheduled reports due now (schedule-rules.ts), each built once and written to the outbox with its
 * workbook; a report already enqueued (by an earlier pass or another instance) is not built again.
 */
export async function sweepScheduledReports(ctx: AppContext, now = new Date(), budget = REPORTS_PER_PASS) {
  const tz = ctx.env.TINGWU_TIMEZONE;
  const due = dueReports(await usersWithEmail(ctx.db), localParts(now, tz), ctx.env.TINGWU_REPORT_HOUR);
  const done = await enqueuedKeys(
    ctx.db,
    due.map((d) => d.dedupeKey),
  );
  let sent = 0;
  for (const d of due) {
    if (sent >= budget) break;
    if (done.has(d.dedupeKey)) continue;
    const r = await buildReport({ read: ctx.reportsDb, write: ctx.db }, d.scope, d.period, tz);
    const mail = reportMail(r);
    const book = await summaryWorkbook(r);
    await enqueueMessage(ctx.db, {
      channel: "email",
      recipient: d.email,
      body: mail.text,
      hallId: d.scope.startsWith("hall:") ? d.scope.slice(5) : null,
      dedupeKey: d.dedupeKey,
      payload: {
        subject: mail.subject,
        attachments: [
          {
            filename: `report-${d.scope.replace(":", "-")}-${r.period}.xlsx`,
            contentType: XLSX_TYPE,
            contentBase64: book.toString("base64"),
          },
        ],
      } satisfies MailPayload,
    });
    sent++;
  }
  return sent;
}

export function registerReportSweeps(ctx: AppContext) {
  ctx.sweeper.add({
    name: "report-rollups",
    // A day closes once: a pass a minute is enough, and keeps the per-hall reads off the 5-second beat.
    run: paced(EVERY_MS, () => sweepRollups(ctx.db, ctx.env.TINGWU_TIMEZONE), CLOSES_PER_PASS),
  });
  ctx.sweeper.add({
    name: "report-schedule",
    run: paced(EVERY_MS, () => sweepScheduledReports(ctx), REPORTS_PER_PASS),
  });
}
