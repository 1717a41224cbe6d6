import { addDays } from "./seed-history.js";

// Every GET a screen calls, as its screen's user calls it, on a hall of `tingwu seed-history`: measured by
// bench/history.ts (p50/p99 with and without history) and explained by test/history-plans.test.ts (no
// sequential scan of a history table). One list, so a new screen read is measured and checked alike.

export type ScreenCallers = {
  hallId: string;
  /** A day inside the history. */
  pastDay: string;
  manager: string;
  area: string;
  agent: string;
};

export function screenGets(c: ScreenCallers): { name: string; path: string; token: string }[] {
  const h = `/api/halls/${c.hallId}`;
  return [
    { name: "queue", path: `${h}/queue`, token: c.manager },
    { name: "stats today", path: `${h}/stats/today`, token: c.manager },
    { name: "stats past day", path: `${h}/stats/today?date=${c.pastDay}`, token: c.manager },
    { name: "visits", path: `${h}/visits`, token: c.manager },
    { name: "tickets", path: `${h}/tickets?limit=100`, token: c.manager },
    { name: "tickets finished", path: `${h}/tickets?limit=100&status=finished`, token: c.manager },
    { name: "tickets of a past day", path: `${h}/tickets?limit=100&date=${c.pastDay}`, token: c.manager },
    { name: "breaches", path: `${h}/breaches`, token: c.manager },
    { name: "journey report", path: `${h}/journey-report?period=day:${c.pastDay}`, token: c.manager },
    { name: "counter away", path: `${h}/counter-away?date=${c.pastDay}`, token: c.manager },
    { name: "complaints", path: "/api/complaints", token: c.manager },
    { name: "complaints of the region", path: "/api/complaints", token: c.area },
    { name: "complaints breached", path: "/api/complaints?due=breached", token: c.area },
    {
      name: "complaint SLA",
      path: `/api/complaints/sla?from=${addDays(c.pastDay, -30)}&to=${c.pastDay}&by=week`,
      token: c.area,
    },
    { name: "faults", path: "/api/faults", token: c.area },
    { name: "field customers", path: "/api/field/customers", token: c.agent },
    { name: "field my day", path: "/api/field/my-day", token: c.agent },
    { name: "field compliance", path: "/api/field/compliance", token: c.area },
    { name: "public halls", path: "/api/public/halls?regionCode=HIS-01", token: "" },
  ];
}
