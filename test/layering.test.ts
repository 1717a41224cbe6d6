import { describe, expect, it } from "vitest";
import { checkLayering, readSources, repositoryRoot } from "./layering.js";

describe("layering", () => {
  const violations = checkLayering(readSources(repositoryRoot));

  it("should find no violation in src/ and web/src/", () => {
    expect(violations).toEqual([]);
  });
});

describe("checkLayering", () => {
  it("should refuse a route file that builds a query and reads another feature's tables", () => {
    const text = [
      'import { eq } from "drizzle-orm";',
      'import type { Db } from "../../core/db.js";',
      'import { users } from "../users/tables.js";',
      "export const q = (db: Db) => db.select().from(users).where(eq(users.id, 1));",
    ].join("\n");
    expect(checkLayering([{ path: "src/features/field/routes.ts", text }])).toEqual([
      { rule: "database-outside-data", file: "src/features/field/routes.ts", detail: "drizzle-orm" },
      { rule: "database-outside-data", file: "src/features/field/routes.ts", detail: "../users/tables.js" },
      { rule: "foreign-tables", file: "src/features/field/routes.ts", detail: "../users/tables.js" },
    ]);
  });

  it("should accept the same imports in a feature's data file, but not another feature's tables", () => {
    const text = 'import { eq } from "drizzle-orm";\nimport { users } from "../../users/tables.js";\n';
    expect(checkLayering([{ path: "src/features/field/data/visits.ts", text }])).toEqual([
      { rule: "foreign-tables", file: "src/features/field/data/visits.ts", detail: "../../users/tables.js" },
    ]);
  });

  it("should accept a table naming another feature's table in a foreign key", () => {
    const text = 'import { fieldCustomers } from "../customers/tables.js";\n';
    expect(checkLayering([{ path: "src/features/care/tables.ts", text }])).toEqual([]);
  });

  it("should accept type-only imports of the database outside data files", () => {
    const text = 'import type { Db } from "../../core/db.js";\nimport { type Tx } from "../../core/db.js";\n';
    expect(checkLayering([{ path: "src/features/field/routes.ts", text }])).toEqual([]);
  });

  it("should refuse a core file that imports a feature", () => {
    const text = 'import { hallsFeature } from "../features/halls/index.js";\n';
    expect(checkLayering([{ path: "src/core/admin-routes.ts", text }])).toEqual([
      {
        rule: "core-imports-feature",
        file: "src/core/admin-routes.ts",
        detail: "../features/halls/index.js",
      },
    ]);
  });

  it("should refuse a file over 400 lines and a double cast", () => {
    const long = "export const x = 1;\n".repeat(401);
    const cast = "const y = (1 as unknown as string);\n";
    expect(checkLayering([{ path: "web/src/features/field/strings.ts", text: long + cast }])).toEqual([
      { rule: "too-long", file: "web/src/features/field/strings.ts", detail: "402 lines" },
      { rule: "double-cast", file: "web/src/features/field/strings.ts", detail: "line 402" },
    ]);
  });
});
