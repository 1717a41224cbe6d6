import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// The working-day calendar: per year, the days that differ from the Monday–Friday week — public
// holidays (days off) and 调休 make-up working days. Shipped years come from the State Council's notices
// (arrangements.ts); an admin enters or replaces a year when its arrangement is published.
export const calendarYears = pgTable("calendar_years", {
  year: integer("year").primaryKey(),
  source: text("source").$type<"state_council" | "admin">().notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const calendarDays = pgTable(
  "calendar_days",
  {
    date: date("date", { mode: "string" }).primaryKey(),
    year: integer("year")
      .notNull()
      .references(() => calendarYears.year, { onDelete: "cascade" }),
    working: boolean("working").notNull(),
    name: text("name").notNull(),
  },
  (t) => [index("calendar_days_year_idx").on(t.year)],
);
