import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

// Counts the SQL statements this process sends to either database while a label is set, with the time
// spent waiting on them — figures that do not depend on how busy the machine is.

type Fn = (...args: unknown[]) => unknown;
type Tally = { n: number; ms: number; texts: string[] | null };

let current: string | null = null;
const tallies = new Map<string, Tally>();
let instrumented = false;

/** Wraps each driver's statement entry points, once, for this process only. */
function instrument() {
  if (instrumented) return;
  instrumented = true;
  const pglite = PGlite.prototype as unknown as Record<string, Fn>;
  wrap(pglite, "query");
  wrap(pglite, "exec");
  // Inside a transaction PGlite hands out its own query/exec object; wrap those as they are made.
  const transaction = pglite.transaction;
  pglite.transaction = function (this: unknown, callback: unknown) {
    return transaction.call(this, (tx: Record<string, Fn>) => {
      wrap(tx, "query");
      wrap(tx, "exec");
      return (callback as Fn)(tx);
    });
  };
  wrap(pg.Client.prototype as unknown as Record<string, Fn>, "query");
  // A statement outside a transaction goes through the pool, which hands a callback to the client's
  // query (not counted there: only calls that return a promise are).
  wrap(pg.Pool.prototype as unknown as Record<string, Fn>, "query");
}

function wrap(target: Record<string, Fn>, name: string) {
  const original = target[name];
  target[name] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    const result = original.apply(this, args);
    if (current && result && typeof (result as Promise<unknown>).then === "function") {
      const label = current;
      return (result as Promise<unknown>).finally(() => tally(label, args[0], performance.now() - t0));
    }
    return result;
  };
}

function tally(label: string, sqlText: unknown, ms: number) {
  const t = tallies.get(label) ?? { n: 0, ms: 0, texts: null };
  t.n++;
  t.ms += ms;
  const text = typeof sqlText === "string" ? sqlText : ((sqlText as { text?: string })?.text ?? "");
  t.texts?.push(text.replace(/\s+/g, " ").slice(0, 140));
  tallies.set(label, t);
}

/** Runs `fn` with its statements counted under `label` (one label at a time; statements it starts). */
export async function counted<T>(label: string, fn: () => Promise<T>, keepTexts = false): Promise<T> {
  instrument();
  if (keepTexts) tallies.set(label, { ...(tallies.get(label) ?? { n: 0, ms: 0 }), texts: [] });
  current = label;
  try {
    return await fn();
  } finally {
    current = null;
  }
}

/** What was counted under a label so far. */
export const countedUnder = (label: string) => tallies.get(label) ?? { n: 0, ms: 0, texts: null };

export function resetCounts() {
  tallies.clear();
}
