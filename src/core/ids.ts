import { sql } from "drizzle-orm";
import { type PgColumn, primaryKey, uuid } from "drizzle-orm/pg-core";
import { v7 } from "uuid";

// Time-ordered keys (UUIDv7, issue 17): a new row's id sorts after the ids before it, so inserts land on
// the right-hand leaf of each primary-key index instead of a random one. Random (v4) keys touched about
// ten B-tree leaf pages per request, each written whole to the WAL after every checkpoint; see
// docs/decisions.md for the measurement. The database makes them (uuid_v7(), migration 0017) and so does
// the app where it needs an id before the insert (newId).

/** The primary key of a table: a UUIDv7 made by the database. */
export const idColumn = () => uuid("id").primaryKey().default(sql`uuid_v7()`);
/** The id of a row keyed with its hall or region ((hall_id, id): Citus wants the distribution column in it). */
export const keyedId = () => uuid("id").notNull().default(sql`uuid_v7()`);

/** A UUIDv7 made here, for an id the app needs before it inserts the row. */
export const newId = (): string => v7();

/**
 * The primary key of a distributed table (docs/scale.md): its id, then the distribution column (hall_id or
 * region_code) Citus wants in every key. The id leads so a lookup by id alone still walks the key, and new
 * time-ordered ids land on the index's one right-hand leaf rather than on one leaf per hall.
 */
export const keyWith = (table: string, id: PgColumn, column: PgColumn) =>
  primaryKey({ name: `${table}_pkey`, columns: [id, column] });
