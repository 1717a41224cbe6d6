/** The operator's local date and minute of the day at an instant (the plan is in local half hours). */
export function localClock(at: Date, timeZone: string): { date: string; minute: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** How many more counters to open: the plan's figure for the half hour less those open, never below 0. */
export const toOpen = (planned: number, open: number) => Math.max(0, planned - open);
