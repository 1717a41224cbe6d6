import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn } from "../../core/ids.js";
import type { Rating } from "./contract.js";

// R-EVAL: one rating per ticket, with the counter and staff member who served it. No foreign key to
// tickets: a feature does not reach into another feature's tables (ARCHITECTURE, layout).
export const evaluations = pgTable(
  "evaluations",
  {
    id: idColumn(),
    ticketId: uuid("ticket_id").notNull(),
    hallId: uuid("hall_id").notNull(),
    counterId: uuid("counter_id"),
    staffId: uuid("staff_id"),
    rating: text("rating").$type<Rating>().notNull(),
    reasons: text("reasons").array().notNull().default([]),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("evaluations_ticket_uq").on(t.ticketId),
    index("evaluations_hall_idx").on(t.hallId, t.at),
  ],
);
