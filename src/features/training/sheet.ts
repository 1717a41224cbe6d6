import type { SheetRow } from "../quality/survey-import.js";
import { MAX_CHOICES } from "./contract.js";
import { parseLetters } from "./rules.js";

// R-TRAIN: a question bank's file (CSV or XLSX), checked whole before anything is stored, as the survey
// import is. Columns by name, in English or as a Chinese sheet heads them: businessType / 业务类型,
// text / 题目, A–F / 选项A–选项F, answer / 答案 (letters: "B", "AC"), explanation / 解析 (optional).

export type Problem = { row: number; column: string; reason: string };
export type ParsedQuestion = {
  row: number;
  businessType: string;
  text: string;
  choices: string[];
  answer: number[];
  explanation?: string;
};

const LETTERS = ["A", "B", "C", "D", "E", "F"].slice(0, MAX_CHOICES);
const aliases: Record<string, string> = {
  业务类型: "businessType",
  题目: "text",
  答案: "answer",
  解析: "explanation",
  ...Object.fromEntries(LETTERS.map((l) => [`选项${l}`, l])),
};
const COLUMNS = ["businessType", "text", "answer", "explanation", ...LETTERS];
const REQUIRED = ["businessType", "text", "answer", "A", "B"];

/** Every question of the sheet, or every problem in it (row numbers as the sheet shows them). */
export function checkQuestionSheet(
  sheet: SheetRow[],
  knownType: (code: string) => boolean,
): { questions: ParsedQuestion[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const [header, ...rows] = sheet;
  if (!header) return { questions: [], problems: [{ row: 1, column: "", reason: "the file is empty" }] };
  const names = header.cells.map((c) => aliases[c.trim()] ?? c.trim());
  for (const [i, name] of names.entries())
    if (name && !COLUMNS.includes(name))
      problems.push({ row: header.row, column: header.cells[i], reason: "unknown column" });
  for (const name of REQUIRED)
    if (!names.includes(name)) problems.push({ row: header.row, column: name, reason: "missing column" });
  if (problems.length) return { questions: [], problems };
  if (!rows.length) return { questions: [], problems: [{ row: header.row, column: "", reason: "no rows" }] };
  const cell = (r: SheetRow, name: string) => (r.cells[names.indexOf(name)] ?? "").trim();
  const questions: ParsedQuestion[] = [];
  for (const r of rows) {
    const before = problems.length;
    const businessType = cell(r, "businessType");
    const text = cell(r, "text");
    const choices: string[] = [];
    let gap = false;
    for (const l of LETTERS) {
      const c = names.includes(l) ? cell(r, l) : "";
      if (!c) gap = true;
      else if (gap) problems.push({ row: r.row, column: l, reason: "a choice after an empty one" });
      else choices.push(c);
    }
    if (!knownType(businessType))
      problems.push({
        row: r.row,
        column: "businessType",
        reason: `unknown business type "${businessType}"`,
      });
    if (!text) problems.push({ row: r.row, column: "text", reason: "empty" });
    else if (text.length > 500)
      problems.push({ row: r.row, column: "text", reason: "longer than 500 characters" });
    if (choices.length < 2) problems.push({ row: r.row, column: "B", reason: "at least two choices" });
    if (choices.some((c) => c.length > 200))
      problems.push({ row: r.row, column: "", reason: "a choice longer than 200 characters" });
    const answer = parseLetters(cell(r, "answer"), choices.length);
    if (!answer)
      problems.push({
        row: r.row,
        column: "answer",
        reason: `letters of the choices (A–${LETTERS[Math.max(1, choices.length - 1)]})`,
      });
    const explanation = names.includes("explanation") ? cell(r, "explanation") : "";
    if (problems.length === before && answer)
      questions.push({
        row: r.row,
        businessType,
        text,
        choices,
        answer,
        ...(explanation ? { explanation } : {}),
      });
  }
  return { questions, problems };
}
