// RFC 4180 CSV, enough for spreadsheets saved as CSV (Excel's UTF-8 BOM, CRLF, quoted fields).

/** A row of a sheet with the number a spreadsheet shows for it (blank rows still count). */
export type SheetRow = { row: number; cells: string[] };

/** Rows of cells; a quoted cell may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => r.cells);
}

/** The non-blank rows, numbered as Excel numbers them when it opens the file. */
export function parseCsvRows(text: string): SheetRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.flatMap((cells, i) => (cells.some((c) => c.trim() !== "") ? [{ row: i + 1, cells }] : []));
}

const needsQuotes = /[",\r\n]/;
// A cell starting with = + - @ is a formula to a spreadsheet: prefix it so an export cannot run one.
const formula = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && formula.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a BOM so Excel opens UTF-8 Chinese correctly. */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
