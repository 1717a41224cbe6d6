import type { Database } from "../core/db.js";

// Rows gathered per table in PostgreSQL's COPY text format and written in bulk, parents before children
// (the order the tables were declared in), so foreign keys hold at every flush.

export type CopyValue = string | number | boolean | Date | null | readonly string[] | { json: unknown };

const escapeText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const arrayItem = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** One value in COPY's text format. */
export function copyValue(v: CopyValue): string {
  if (v === null) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "string") return escapeText(v);
  if (Array.isArray(v)) return escapeText(`{${v.map(arrayItem).join(",")}}`);
  return escapeText(JSON.stringify((v as { json: unknown }).json));
}

export class CopyBuffer<Tables extends Record<string, readonly string[]>> {
  private readonly lines = new Map<keyof Tables, string[]>();
  private count = 0;
  written = 0;

  constructor(
    private readonly database: Database,
    private readonly tables: Tables,
  ) {
    for (const name of Object.keys(tables)) this.lines.set(name, []);
  }

  /** One row, its values in the order of the table's columns. */
  add<T extends keyof Tables>(table: T, values: CopyValue[]) {
    if (values.length !== this.tables[table].length) {
      throw new Error(`${String(table)}: ${values.length} values for ${this.tables[table].length} columns`);
    }
    this.lines.get(table)!.push(values.map(copyValue).join("\t"));
    this.count++;
  }

  get pending() {
    return this.count;
  }

  /** Writes everything gathered, table by table in declaration order. */
  async flush() {
    const batch = [...this.lines.entries()].filter(([, l]) => l.length > 0);
    for (const [name] of batch) this.lines.set(name, []);
    const n = this.count;
    this.count = 0;
    for (const [name, lines] of batch) {
      await this.database.copyRows(String(name), [...this.tables[name]], `${lines.join("\n")}\n`);
    }
    this.written += n;
  }
}
