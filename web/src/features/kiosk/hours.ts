import type { Hall } from "../../api/types";

type Hours = Hall["openingHours"];
const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
};

/** Whether the hall is open at a moment, by the kiosk's own clock (the hall's local time). */
export function isOpenAt(hours: Hours, at: Date): boolean {
  const weekday = at.getDay() === 0 ? 7 : at.getDay();
  const minutes = at.getHours() * 60 + at.getMinutes();
  return hours.some(
    (r) => r.weekdays.includes(weekday) && minutes >= toMinutes(r.open) && minutes < toMinutes(r.close),
  );
}

const dayNames = {
  zh: ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"],
  en: ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

/** "每天 09:00–19:00" / "周一、周二 … 09:00–18:00". */
export function describeHours(hours: Hours, language: string, daily: string): string {
  const names = language === "en" ? dayNames.en : dayNames.zh;
  return hours
    .map((r) => {
      const days =
        r.weekdays.length === 7
          ? daily
          : r.weekdays.map((d) => names[d]).join(language === "en" ? ", " : "、");
      return `${days} ${r.open}–${r.close}`;
    })
    .join("；");
}
