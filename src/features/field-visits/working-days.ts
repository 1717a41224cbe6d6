import type { Db } from "../../core/db.js";
import { addWorkingDays } from "../calendar/data.js";
import type { AddWorkingDays } from "./rules.js";

/** The operator's working-day calendar (holidays and 调休) for the field deadlines, bound to a time zone. */
export function fieldWorkingDays(db: Db, timeZone: string): AddWorkingDays {
  return (from, days) => addWorkingDays(db, from, days, timeZone);
}
