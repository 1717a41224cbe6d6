import type { DbOrTx } from "../../core/db.js";
import { renderTemplate } from "../../core/templates.js";
import type { Hall } from "../halls/contract.js";

// R-NOTIFY (issue 16): the SMS of an appointment (在线预约) — its confirmation when booked, a reminder the
// day before and one an hour before — in zh-CN, one template each. Times are the hall's local wall clock.

export type AppointmentReminder = "day" | "hour";

/** When each reminder of a slot is due: a day before it, an hour before it. */
export const REMINDER_LEAD_MS: Record<AppointmentReminder, number> = {
  day: 24 * 3_600_000,
  hour: 3_600_000,
};

const clock = (at: Date, timeZone: string) =>
  at.toLocaleString("zh-CN", {
    timeZone,
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });

/** The appointment's SMS in the operator's template set (core/templates.ts). */
export function appointmentText(
  db: DbOrTx,
  kind: "confirm" | AppointmentReminder,
  hall: Pick<Hall, "name" | "address">,
  a: { slotStart: Date; businessName: string },
  timeZone: string,
) {
  const vars = {
    hall: hall.name,
    when: clock(a.slotStart, timeZone),
    business: a.businessName,
    where: hall.address ? `（${hall.address}）` : "",
  };
  return renderTemplate(db, `appointment_${kind}`, vars);
}
