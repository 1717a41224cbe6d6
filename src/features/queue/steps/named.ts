import { type Statement, statement } from "../../../core/statements.js";

// A statement whose parameters are named in its text — `:hallId`, cast where it is used, `:hallId::uuid`
// — instead of `$1…$18` with a comment as the key. The text is turned into `$n` once, when the module
// loads, so it is still one fixed text, prepared once per connection (statements.ts); a call only lays
// out its values in that order.

export type Named<P> = Statement & {
  /** The statement's values in `$n` order. */
  values(params: P): unknown[];
  /** The names, in `$n` order (for the snapshot files of steps/sql/). */
  readonly keys: readonly string[];
};

// `:name` not preceded by `:` or a word character, so `::uuid` casts stay as they are; a quoted
// literal ('HH24:MI', ':') is matched first and kept whole.
const PARAM = /'(?:[^']|'')*'|(?<![:\w]):([A-Za-z_]\w*)/g;

export function named<P extends Record<string, unknown>>(text: string): Named<P> {
  if (/\$\d/.test(text)) throw new Error("A named statement numbers no parameters itself");
  const keys: string[] = [];
  const numbered = text.replace(PARAM, (literal, key: string | undefined) => {
    if (key === undefined) return literal;
    if (!keys.includes(key)) keys.push(key);
    return `$${keys.indexOf(key) + 1}`;
  });
  return {
    ...statement(numbered),
    keys,
    values: (params) =>
      keys.map((k) => {
        const v = params[k];
        if (v === undefined) throw new Error(`The statement's parameter :${k} has no value`);
        return v;
      }),
  };
}
