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

export function appointmentText(
  kind: "confirm" | AppointmentReminder,
  hall: Pick<Hall, "name" | "address">,
  a: { slotStart: Date; businessName: string },
  timeZone: string,
) {
  const when = clock(a.slotStart, timeZone);
  const where = hall.address ? `（${hall.address}）` : "";
  if (kind === "confirm")
    return `【${hall.name}】您已预约${when}办理${a.businessName}，请按时到厅${where}签到，届时优先为您叫号。`;
  if (kind === "day")
    return `【${hall.name}】温馨提醒：您预约了明天${when}办理${a.businessName}，请按时到厅${where}。`;
  return `【${hall.name}】温馨提醒：您预约的${when}${a.businessName}将在一小时后开始，请准时到厅签到。`;
}
