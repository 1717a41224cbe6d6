import { parse } from "csv-parse/sync";
import { AppError } from "../../core/errors.js";
import { readXlsxRows, XLSX_TYPE } from "../customers/xlsx.js";
import {
  OURS,
  PERIOD,
  REQUIRED_ITEMS,
  SCOPE,
  type Scores,
  SURVEY_ITEMS,
  type SurveyItem,
} from "./survey-rules.js";

// R-KPI: a survey firm's file (CSV or XLSX) checked whole before anything is stored. Columns in any order,
// named exactly; a file with one bad row is refused with every problem found, row numbers as Excel shows
// them. csv-parse reads the CSV (quotes, BOM, CRLF); the customers feature's reader the workbook.

export type SheetRow = { row: number; cells: string[] };
export type Problem = { row: number; column: string; reason: string };
export type ParsedResult = {
  row: number;
  period: string;
  scope: string;
  segment: string;
  carrier: string;
  sampleSize: number;
  scores: Scores;
};

const COLUMNS = ["period", "scope", "segment", "carrier", "sampleSize", ...SURVEY_ITEMS] as const;
const REQUIRED_COLUMNS = ["period", "scope", "carrier", "sampleSize", ...REQUIRED_ITEMS];

/** The non-blank rows of a CSV, numbered by the line each starts on. */
export function readCsv(text: string): SheetRow[] {
  let parsed: unknown;
  try {
    // With `info`, each record comes with where it was read (csv-parse types only the plain form).
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw new AppError(
      "invalid_input",
      `The file is not a CSV this import can read: ${(e as Error).message}`,
    );
  }
  const records = parsed as { record: string[]; info: { lines: number } }[];
  return records
    .filter((r) => r.record.some((c) => c.trim() !== ""))
    .map((r) => ({ row: r.info.lines, cells: r.record }));
}

/** The rows of an uploaded file, by its type or name. */
export async function readSheet(file: { name: string; type: string; bytes: Buffer }): Promise<SheetRow[]> {
  if (file.type === XLSX_TYPE || /\.xlsx?$/i.test(file.name)) return readXlsxRows(file.bytes);
  return readCsv(file.bytes.toString("utf8"));
}

/**
 * Every result of the sheet, or every problem in it. `knownScope` says whether a region or hall exists;
 * `stored` holds the period+scope+segment+carrier keys already imported (a second import is refused).
 */
export function checkSheet(
  sheet: SheetRow[],
  knownScope: (scope: string) => boolean,
  stored: Set<string>,
): { results: ParsedResult[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const [header, ...rows] = sheet;
  if (!header) return { results: [], problems: [{ row: 1, column: "", reason: "the file is empty" }] };
  const at = new Map(header.cells.map((name, i) => [name.trim(), i]));
  for (const name of header.cells.map((c) => c.trim()))
    if (name && !(COLUMNS as readonly string[]).includes(name))
      problems.push({ row: header.row, column: name, reason: "unknown column" });
  for (const name of REQUIRED_COLUMNS)
    if (!at.has(name)) problems.push({ row: header.row, column: name, reason: "missing column" });
  if (problems.length) return { results: [], problems };
  if (rows.length === 0)
    return { results: [], problems: [{ row: header.row, column: "", reason: "no rows" }] };

  const results: ParsedResult[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const cell = (name: string) => (at.has(name) ? (r.cells[at.get(name) as number] ?? "").trim() : "");
    const bad = (column: string, reason: string) => problems.push({ row: r.row, column, reason });
    const period = cell("period");
    const scope = cell("scope");
    const segment = cell("segment");
    const carrier = cell("carrier");
    if (!PERIOD.test(period))
      bad("period", period ? "not a quarter (2026-Q3) or a month (2026-08)" : "required");
    if (!scope) bad("scope", "required");
    else if (!SCOPE.test(scope) || !knownScope(scope)) bad("scope", `unknown scope ${scope}`);
    if (!carrier) bad("carrier", `required (${OURS}, or the competitor's name)`);
    if (segment.length > 40) bad("segment", "at most 40 characters");
    if (carrier.length > 40) bad("carrier", "at most 40 characters");
    const n = Number(cell("sampleSize"));
    if (!cell("sampleSize")) bad("sampleSize", "required");
    else if (!Number.isInteger(n) || n < 1 || n > 10_000_000)
      bad("sampleSize", "a whole number of answers, at least 1");
    const scores: Scores = {};
    for (const item of SURVEY_ITEMS) {
      const text = cell(item);
      if (text === "") {
        if ((REQUIRED_ITEMS as string[]).includes(item)) bad(item, "required");
        continue;
      }
      const v = Number(text.replace(/%$/, ""));
      if (!Number.isFinite(v) || v < 0 || v > 100) bad(item, `${text} is not a percentage from 0 to 100`);
      else scores[item as SurveyItem] = v;
    }
    const key = [period, scope, segment, carrier].join("|");
    if (seen.has(key)) bad("period", "the same period, scope, segment and carrier twice in this file");
    else if (stored.has(key)) bad("period", "already imported for this period, scope, segment and carrier");
    seen.add(key);
    results.push({ row: r.row, period, scope, segment, carrier, sampleSize: n, scores });
  }
  return { results: problems.length ? [] : results, problems };
}

export const refusal = (problems: Problem[]) =>
  new AppError(
    "invalid_input",
    `The file was not imported: ${problems.length} problem${problems.length === 1 ? "" : "s"} (first: row ${problems[0].row}, ${problems[0].column || "file"}: ${problems[0].reason})`,
    { rows: problems },
  );
