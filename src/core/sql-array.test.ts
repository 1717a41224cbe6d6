import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers.js";
import { type Database, queryRows, sqlArray } from "./db.js";

// One array parameter for `= ANY(…)`: each element quoted, so a comma, a brace, a quote or a backslash
// inside a value keeps it one element.
describe("sqlArray", () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  it("should keep each value whole", async () => {
    const values = ["SH-PD", "a,b", "{x}", 'say "hi"', "back\\slash"];
    const [row] = await queryRows<{ n: number; all: string[] }>(
      database.db,
      sql`SELECT cardinality(${sqlArray(values, "text")}) AS n, ${sqlArray(values, "text")} AS all`,
    );
    expect(row.n).toBe(5);
    expect(row.all).toEqual(values);
  });
});
