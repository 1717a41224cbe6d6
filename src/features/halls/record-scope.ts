import { coversHall, type Principal } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { getHall } from "./data.js";

/**
 * The hall a record belongs to, when the person's scope covers it. A record of a hall outside their scope
 * does not exist for them: 404 with the record's name (`what`), never 403, which would confirm the id.
 * One rule for every feature whose records hang off a hall (site checks and tasks, incidents, meetings).
 */
export async function hallOfRecord(db: DbOrTx, principal: Principal, hallId: string, what: string) {
  const hall = await getHall(db, hallId);
  if (!coversHall(principal, hall)) throw notFound(what);
  return hall;
}
