import dayjs, { type Dayjs } from "dayjs";
import isoWeek from "dayjs/plugin/isoWeek";

dayjs.extend(isoWeek);

// The period picker's value as the API's period text (day:…, week:YYYY-Www, month:…, quarter:…, range:…).
export type Kind = "day" | "week" | "month" | "quarter" | "range";

export function periodText(kind: Kind, day: Dayjs, range: [Dayjs, Dayjs] | null): string {
  if (kind === "day") return `day:${day.format("YYYY-MM-DD")}`;
  if (kind === "week") return `week:${day.isoWeekYear()}-W${String(day.isoWeek()).padStart(2, "0")}`;
  if (kind === "month") return `month:${day.format("YYYY-MM")}`;
  if (kind === "quarter") return `quarter:${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;
  const [a, b] = range ?? [day, day];
  return `range:${a.format("YYYY-MM-DD")}..${b.format("YYYY-MM-DD")}`;
}

/** The picker state a period text opens with (a link from the board: ?period=day:2026-12-03). */
export function fromText(text: string | null): { kind: Kind; day: Dayjs } {
  const [kind, value] = (text ?? "").split(":");
  if (kind === "day" && value) return { kind, day: dayjs(value) };
  if (kind === "month" && value) return { kind, day: dayjs(`${value}-01`) };
  return { kind: "day", day: dayjs() };
}
