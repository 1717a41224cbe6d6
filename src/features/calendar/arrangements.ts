import { addDays } from "../../core/calendar.js";

// The State Council's published holiday arrangements (国务院办公厅关于部分节假日安排的通知):
// 2025 from 国办发明电〔2024〕12号 (12 Nov 2024), 2026 from 国办发明电〔2025〕7号 (4 Nov 2025).
// Holidays are days off; 调休 make-up days are weekend days that are working days. The seeds do not
// carry these dates; they are copied from the notices. An admin enters later years through the API.

export type ArrangementDay = { date: string; working: boolean; name: string };

const off = (from: string, to: string, name: string): ArrangementDay[] => {
  const days: ArrangementDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, working: false, name });
  return days;
};
const makeUp = (date: string, name: string): ArrangementDay => ({
  date,
  working: true,
  name: `${name}调休上班`,
});

export const SHIPPED_ARRANGEMENTS: Record<number, ArrangementDay[]> = {
  2025: [
    ...off("2025-01-01", "2025-01-01", "元旦"),
    ...off("2025-01-28", "2025-02-04", "春节"),
    makeUp("2025-01-26", "春节"),
    makeUp("2025-02-08", "春节"),
    ...off("2025-04-04", "2025-04-06", "清明节"),
    ...off("2025-05-01", "2025-05-05", "劳动节"),
    makeUp("2025-04-27", "劳动节"),
    ...off("2025-05-31", "2025-06-02", "端午节"),
    ...off("2025-10-01", "2025-10-08", "国庆节、中秋节"),
    makeUp("2025-09-28", "国庆节"),
    makeUp("2025-10-11", "国庆节"),
  ],
  2026: [
    ...off("2026-01-01", "2026-01-03", "元旦"),
    makeUp("2026-01-04", "元旦"),
    ...off("2026-02-15", "2026-02-23", "春节"),
    makeUp("2026-02-14", "春节"),
    makeUp("2026-02-28", "春节"),
    ...off("2026-04-04", "2026-04-06", "清明节"),
    ...off("2026-05-01", "2026-05-05", "劳动节"),
    makeUp("2026-05-09", "劳动节"),
    ...off("2026-06-19", "2026-06-21", "端午节"),
    ...off("2026-09-25", "2026-09-27", "中秋节"),
    ...off("2026-10-01", "2026-10-07", "国庆节"),
    makeUp("2026-09-20", "国庆节"),
    makeUp("2026-10-10", "国庆节"),
  ],
};

/** The shipped years as one exception map (for tests and as the table's first content). */
export function shippedExceptions(): Map<string, { working: boolean; name: string | null }> {
  const map = new Map<string, { working: boolean; name: string | null }>();
  for (const days of Object.values(SHIPPED_ARRANGEMENTS))
    for (const d of days) map.set(d.date, { working: d.working, name: d.name });
  return map;
}
