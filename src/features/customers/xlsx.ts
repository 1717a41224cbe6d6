// Excel workbooks (.xlsx) for the customer archive: read into the same rows the CSV parser yields,
// so import.ts validates both alike; written with every cell as text so numbers and dates survive.
import { inflateRawSync } from "node:zlib";
import type { CellValue, Workbook } from "exceljs";
import { AppError } from "../../core/errors.js";
import type { SheetRow } from "./csv.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// What a sheet of a few thousand customers unpacks to is a few MB; past this it is not an archive.
const MAX_UNPACKED = 64 * 1024 * 1024;

// exceljs takes half a second to load: only when a workbook is read or written.
const newWorkbook = async (): Promise<Workbook> => new (await import("exceljs")).default.Workbook();

const notXlsx = (why: string) =>
  new AppError("invalid_input", `The file is not an Excel workbook (.xlsx): ${why}`);

/** The non-blank rows of the first sheet, numbered as Excel shows them. */
export async function readXlsxRows(bytes: Buffer): Promise<SheetRow[]> {
  // An old .xls (an OLE compound file) is a different format: say so rather than "corrupt".
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new AppError("invalid_input", "Old .xls files cannot be read: save the file as .xlsx or CSV");
  checkZip(bytes);
  const workbook = await newWorkbook();
  try {
    // exceljs types its argument as an ArrayBuffer; a copy of the bytes is one (its zip reader takes either).
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (e) {
    throw notXlsx(e instanceof Error ? e.message : "unreadable");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notXlsx("it has no sheet");
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    const full = Array.from(cells, (c) => c ?? "");
    if (full.some((c) => c.trim() !== "")) rows.push({ row: row.number, cells: full });
  });
  return rows;
}

/** What the cell shows: a formula's result, rich text joined, a date as YYYY-MM-DD. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText((value.result ?? null) as CellValue);
  if ("hyperlink" in value) return cellText(value.text as CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

/** One sheet with a bold, frozen header; every cell is text (format @) so Excel keeps 0-led numbers. */
export async function toXlsx(
  sheetName: string,
  header: string[],
  rows: (string | number | boolean | null | undefined)[][],
): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h) => ({
    header: h,
    width: Math.max(10, h.length * 3),
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  // A cell is written as a string, never a formula, so "=..." cannot run (the CSV needs a ' for that).
  for (const r of rows)
    sheet.addRow(r.map((v) => (v === null || v === undefined || v === "" ? null : String(v))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A zip bomb would fill memory inside the library, which unpacks every part at once: unpack each
 * part here first with a cap on what comes out (the sizes a zip declares can lie).
 */
function checkZip(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw notXlsx("it is not a zip archive");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let budget = MAX_UNPACKED;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw notXlsx("its zip directory is broken");
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
      throw notXlsx("a zip entry is broken");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + packed);
    if (method === 0) budget -= data.length;
    else if (method === 8) {
      try {
        budget -= inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (e) {
        const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
        throw notXlsx(tooBig ? "it unpacks to too much data" : "a zip entry does not unpack");
      }
    } else throw notXlsx(`zip compression method ${method} is not supported`);
    if (budget < 0) throw notXlsx("it unpacks to too much data");
  }
}
