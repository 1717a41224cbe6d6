import {
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

// Issue 15: a hall's closed local days summed per business type — what every report reads instead of raw
// tickets. Keyed by the hall (Citus: distributed by hall_id, docs/scale.md). The row with business type ''
// holds the hall's figures that belong to no business type (greeting breaches, peak warnings); the row
// '*' holds the whole day (all of them), which a report's day-by-day trend reads alone.
const int = (name: string) => integer(name).notNull().default(0);
/** The figures of a roll-up row, the same for a hall's day and its month. */
const figureColumns = () => ({
  regionCode: text("region_code").notNull(),
  issued: int("issued"),
  served: int("served"),
  noShow: int("no_show"),
  cancelled: int("cancelled"),
  diverted: int("diverted"),
  transferred: int("transferred"),
  waitCount: int("wait_count"),
  waitSum: doublePrecision("wait_sum").notNull().default(0),
  waitWithin: int("wait_within"),
  // Waits in 30-second buckets (the last: an hour and more), so periods merge into an exact-to-bucket p90.
  waitHist: integer("wait_hist").array().notNull(),
  // Tickets issued per half hour of the local day (a day report's byHalfHour); ends at its last arrival.
  arrivals: integer("arrivals").array().notNull().default([]),
  handlingCount: int("handling_count"),
  handlingSum: doublePrecision("handling_sum").notNull().default(0),
  handlingWithin: int("handling_within"),
  waitBreaches: int("wait_breaches"),
  handlingBreaches: int("handling_breaches"),
  greetingBreaches: int("greeting_breaches"),
  ratings: int("ratings"),
  satisfied: int("satisfied"),
  // Peak warnings (on the row of no business type): rises to each level, minutes at level 3.
  peakLevel1: int("peak_level1"),
  peakLevel2: int("peak_level2"),
  peakLevel3: int("peak_level3"),
  peakMinutes3: doublePrecision("peak_minutes3").notNull().default(0),
  diversionSuggested: int("diversion_suggested"),
  diversionTaken: int("diversion_taken"),
  /** channel → [suggested, taken] */
  diversionChannels: jsonb("diversion_channels")
    .$type<Record<string, [number, number]>>()
    .notNull()
    .default({}),
});

export const hallDayRollups = pgTable(
  "hall_day_rollups",
  {
    hallId: uuid("hall_id").notNull(),
    serviceDate: date("service_date").notNull(),
    businessType: text("business_type").notNull(),
    ...figureColumns(),
  },
  // Read by hall (a region's report names its halls): the primary key serves every read.
  (t) => [primaryKey({ columns: [t.hallId, t.serviceDate, t.businessType] })],
);

// A hall's closed days of a month summed per business type (and '' and '*' as for days), kept with each
// closed day: a quarter or a year reads a row per hall, month and business type, not one per day.
export const hallMonthRollups = pgTable(
  "hall_month_rollups",
  {
    hallId: uuid("hall_id").notNull(),
    /** The first day of the month. */
    month: date("month").notNull(),
    businessType: text("business_type").notNull(),
    ...figureColumns(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.month, t.businessType] })],
);

// A hall's local day once closed (rolled up), with or without tickets: the sweeper's bookmark.
export const rollupDays = pgTable(
  "rollup_days",
  {
    hallId: uuid("hall_id").notNull(),
    serviceDate: date("service_date").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.serviceDate] })],
);

// A region's closed local days of complaints, faults and field visits, per hall (NO_HALL: the region's
// own) — the records that belong to a region first (docs/scale.md: distributed by region_code).
export const regionDayRollups = pgTable(
  "region_day_rollups",
  {
    regionCode: text("region_code").notNull(),
    serviceDate: date("service_date").notNull(),
    hallId: uuid("hall_id").notNull(),
    complaints: int("complaints"),
    complaintAppeals: int("complaint_appeals"),
    complaintFirstReplied: int("complaint_first_replied"),
    complaintFirstReplyOnTime: int("complaint_first_reply_on_time"),
    complaintResolved: int("complaint_resolved"),
    complaintOverdue: int("complaint_overdue"),
    faultsReported: int("faults_reported"),
    faultsReportedInTime: int("faults_reported_in_time"),
    faultsClosed: int("faults_closed"),
    visitsDone: int("visits_done"),
    visitsDue: int("visits_due"),
    visitsOverdue: int("visits_overdue"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.serviceDate, t.hallId] })],
);

export const regionRollupDays = pgTable(
  "region_rollup_days",
  {
    regionCode: text("region_code").notNull(),
    serviceDate: date("service_date").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.serviceDate] })],
);
