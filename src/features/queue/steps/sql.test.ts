import { describe, expect, it } from "vitest";
import { callStatement } from "./call.js";
import { callNextStatement } from "./call-next.js";
import { finishStatement } from "./finish.js";
import { issueStatement, issueWithTakenNumberStatement, takeNumberStatement } from "./issue.js";
import { type Named, named } from "./named.js";
import { startStatement } from "./start.js";

// The SQL each step sends, committed as it runs (steps/sql/<step>.sql, as Immich commits
// server/src/queries/*.sql): a reviewer reads the statement a change makes, not the template pieces
// it is built from, and a change to any piece shows up in the diff of the files it changes.
//
// This test fails when a statement's text is not its file's. After a deliberate change, rewrite the
// files and read the diff before committing:
//   npx vitest run src/features/queue/steps/sql.test.ts -u

const steps: Record<string, Record<string, Named<never>>> = {
  issue: {
    issueStatement,
    takeNumberStatement,
    issueWithTakenNumberStatement,
  },
  "call-next": { callNextStatement },
  call: { callStatement },
  start: { startStatement },
  finish: { finishStatement },
};

/** The file's text: per statement, what each `$n` is, then the text as sent. */
function snapshot(step: string, statements: Record<string, Named<never>>) {
  const parts = Object.entries(statements).map(([name, st]) => {
    const key = st.keys.map((k, i) => `--   $${i + 1} :${k}`).join("\n");
    return `-- ${name} (steps/${step}.ts)\n${key}\n${st.text.trim()};\n`;
  });
  return parts.join("\n");
}

describe("the SQL of the queue's steps", () => {
  for (const [step, statements] of Object.entries(steps)) {
    it(`should send the statements of steps/sql/${step}.sql`, async () => {
      await expect(snapshot(step, statements)).toMatchFileSnapshot(`./sql/${step}.sql`);
    });
  }
});

describe("named parameters", () => {
  it("should number each name once, in order of first use, leaving casts and quoted text alone", () => {
    const st = named<{ a: number; b: string | null }>("SELECT :a::int, ':b HH24:MI', :b::text, :a");
    expect(st.text).toBe("SELECT $1::int, ':b HH24:MI', $2::text, $1");
    expect(st.values({ a: 1, b: null })).toEqual([1, null]);
  });

  it("should refuse a value left undefined, which would otherwise be sent as NULL", () => {
    const st = named<{ a?: number }>("SELECT :a::int");
    expect(() => st.values({})).toThrow(/:a/);
  });
});
