// Local calendar arithmetic in an IANA time zone without a date library: Intl gives the parts.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export type LocalParts = {
  date: string;
  weekday: number;
  minutes: number;
  year: number;
  month: number;
  day: number;
};

/** The wall-clock date (YYYY-MM-DD), ISO weekday and minute of day of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays[parts.weekday],
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    year,
    month,
    day,
  };
}

/** The instant at which a local wall-clock time happens in a time zone (no DST in China, but kept general). */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  // Offset = local wall time read back minus the UTC guess; two passes settle DST edges.
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(instant), timeZone);
    const local = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes);
    instant += guess - local;
  }
  return new Date(instant);
}

/** Minutes of a day as HH:MM (parseClock's inverse). */
export const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}
