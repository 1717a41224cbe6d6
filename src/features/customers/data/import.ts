import { and, eq, inArray } from "drizzle-orm";
import { logUnmask } from "../../../core/audit.js";
import type { Db } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import { findBadInput } from "../../../core/input.js";
import { listUsers } from "../../users/data.js";
import { type CreateCustomerInput, createCustomerBody, type ImportReport, type Product } from "../contract.js";
import { parseCsvRows, type SheetRow, toCsv } from "../csv.js";
import { contactsOf, getCadence } from "../data.js";
import { insertCustomer } from "../mutations.js";
import { covers, type FieldScope } from "../scope.js";
import { fieldCustomers } from "../tables.js";
import { readXlsxRows, toXlsx } from "../xlsx.js";

// One column list for import and export, so an exported file imports again. Chinese headers work too.
export const CUSTOMER_COLUMNS = [
  ["name", "客户名称"],
  ["tier", "客户类型"],
  ["areaCode", "片区"],
  ["town", "场镇"],
  ["village", "行政村"],
  ["address", "地址"],
  ["phone", "电话"],
  ["agent", "代理人员"],
  ["contactName", "联系人"],
  ["contactTitle", "职务"],
  ["contactPhone", "联系人电话"],
  ["contactBirthday", "生日"],
  ["decisionMaker", "决策人"],
  ["ourProducts", "我网产品"],
  ["competitorProducts", "异网产品"],
] as const;
type Column = (typeof CUSTOMER_COLUMNS)[number][0];
export type ExportFormat = "csv" | "xlsx";

const tierWords: Record<string, CreateCustomerInput["tier"]> = {
  政企: "gov_enterprise",
  政企客户: "gov_enterprise",
  重要客户: "key",
  家庭: "household",
  个人: "household",
  家庭和个人: "household",
};
// The words an export writes, each one that tierWords reads back.
const tierWord = { gov_enterprise: "政企", key: "重要客户", household: "家庭和个人" } as const;
const yes = new Set(["是", "y", "yes", "true", "1"]);
const list = (s: string) =>
  s
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** "移动:4G套餐;联通宽带" → competitor products, naming the operator when given. */
function products(ours: string, theirs: string): Product[] {
  return [
    ...list(ours).map((name) => ({ name, ours: true })),
    ...list(theirs).map((x) => {
      const [operator, name] = x.includes(":") || x.includes("：") ? x.split(/[:：]/, 2) : [undefined, x];
      return { name: name.trim(), ours: false, ...(operator ? { operator: operator.trim() } : {}) };
    }),
  ];
}

type Parsed = {
  row: number;
  input?: CreateCustomerInput;
  agent?: string;
  name?: string;
  reasons: string[];
  merged?: boolean;
};

/**
 * R-CUST import: every row is checked before anything is written, and what is written goes in one
 * transaction. all_or_nothing refuses the whole file if one row is refused; valid_rows imports the rest.
 */
export async function importCustomers(
  db: Db,
  scope: FieldScope,
  body: { csv?: string; xlsx?: string; mode: "all_or_nothing" | "valid_rows"; dryRun: boolean },
): Promise<ImportReport> {
  if ((body.csv === undefined) === (body.xlsx === undefined))
    throw new AppError("invalid_input", "Send the file as csv (text) or as xlsx (base64), one of the two");
  const sheet: SheetRow[] =
    body.xlsx !== undefined
      ? await readXlsxRows(Buffer.from(body.xlsx, "base64"))
      : parseCsvRows(body.csv ?? "");
  const [header, ...rows] = sheet;
  if (!header || rows.length === 0) throw new AppError("invalid_input", "The file has no data rows");
  const index = new Map<Column, number>();
  header.cells.forEach((h, i) => {
    const col = CUSTOMER_COLUMNS.find(([en, zh]) => h.trim() === en || h.trim() === zh);
    if (col) index.set(col[0], i);
  });
  for (const required of ["name", "tier", "areaCode"] as const) {
    if (!index.has(required)) throw new AppError("invalid_input", `The header has no ${required} column`);
  }
  const cell = (r: string[], c: Column) => (index.has(c) ? (r[index.get(c)!] ?? "").trim() : "");

  const parsed: Parsed[] = rows.map(({ row, cells: r }) => {
    const tierText = cell(r, "tier");
    const contactName = cell(r, "contactName");
    const raw = {
      name: cell(r, "name"),
      tier: tierWords[tierText] ?? tierText,
      areaCode: cell(r, "areaCode"),
      town: cell(r, "town") || undefined,
      village: cell(r, "village") || undefined,
      address: cell(r, "address") || undefined,
      phone: cell(r, "phone") || undefined,
      products: products(cell(r, "ourProducts"), cell(r, "competitorProducts")),
      contacts: contactName
        ? [
            {
              name: contactName,
              title: cell(r, "contactTitle") || undefined,
              phone: cell(r, "contactPhone") || undefined,
              birthday: cell(r, "contactBirthday") || undefined,
              decisionMaker: yes.has(cell(r, "decisionMaker").toLowerCase()),
            },
          ]
        : undefined,
    };
    // A spreadsheet's cells do not pass the request hook that checks text (_x0000_ in an .xlsx is a NUL).
    const badText = findBadInput(raw, "body");
    if (badText) {
      const [path, why] = badText;
      return { row, name: undefined, reasons: [`${path.split("/").slice(1).join(".")}: ${why}`] };
    }
    const result = createCustomerBody.safeParse(raw);
    if (!result.success) {
      const reasons = result.error.issues.map((x) =>
        x.path[0] === "tier"
          ? `tier: "${tierText}" is none of 政企, 重要客户, 家庭, 个人 (gov_enterprise, key, household)`
          : `${x.path.join(".") || "row"}: ${x.message}`,
      );
      // The name as written, so the report says whose row it is even when the row is invalid.
      return { row, name: cell(r, "name") || undefined, reasons };
    }
    const reasons = covers(scope, result.data.areaCode)
      ? []
      : [`areaCode: ${result.data.areaCode} is outside your scope`];
    return { row, input: result.data, agent: cell(r, "agent") || undefined, reasons };
  });

  // Agents by username, each of the row's own area.
  const names = [...new Set(parsed.flatMap((p) => (p.agent ? [p.agent] : [])))];
  const wanted = new Set(names);
  const agents = names.length ? (await listUsers(db)).filter((u) => wanted.has(u.username)) : [];
  const key = (x: { name: string; areaCode: string; village?: string | null }) =>
    `${x.areaCode}|${x.village ?? ""}|${x.name}`;
  const seen = new Map<string, Parsed>();
  const areas = [...new Set(parsed.flatMap((p) => (p.input ? [p.input.areaCode] : [])))];
  const existing = areas.length
    ? await db
        .select({
          name: fieldCustomers.name,
          areaCode: fieldCustomers.regionCode,
          village: fieldCustomers.village,
        })
        .from(fieldCustomers)
        .where(inArray(fieldCustomers.regionCode, areas))
    : [];
  const inArchive = new Set(existing.map(key));
  const agentIds = new Map<number, string | null>();
  for (const p of parsed) {
    if (!p.input) continue;
    const k = key(p.input);
    const first = seen.get(k);
    if (inArchive.has(k)) p.reasons.push("name: already in the archive for this village");
    else if (first?.input && p.input.contacts && first.reasons.length === 0) {
      // A further row of the same customer adds a contact (the export writes one row per contact).
      first.input.contacts = [...(first.input.contacts ?? []), ...p.input.contacts];
      p.merged = true;
      continue;
    } else if (first) p.reasons.push("name: appears twice in the file");
    seen.set(k, first ?? p);
    if (p.agent) {
      const a = agents.find((x) => x.username === p.agent);
      if (!a || !["rural_agent", "area_manager"].includes(a.role) || a.regionCode !== p.input.areaCode)
        p.reasons.push(`agent: ${p.agent} is not an agent of ${p.input.areaCode}`);
      else agentIds.set(p.row, a.id);
    } else agentIds.set(p.row, scope.role === "rural_agent" ? scope.userId : null);
  }

  const refused = parsed
    .filter((p) => p.reasons.length > 0)
    .map((p) => ({ row: p.row, name: p.input?.name ?? p.name ?? null, reasons: p.reasons }));
  const good = parsed.filter((p) => p.reasons.length === 0 && p.input && !p.merged);
  if (body.dryRun) return { rows: rows.length, imported: 0, refused, dryRun: true };
  if (refused.length > 0 && body.mode === "all_or_nothing") {
    throw new AppError("rule_violation", `${refused.length} row(s) refused; nothing was imported`, {
      refused,
      rows: rows.length,
    });
  }
  const cadence = await getCadence(db);
  const now = new Date();
  await db.transaction(async (tx) => {
    for (const p of good) await insertCustomer(tx, p.input!, agentIds.get(p.row) ?? null, cadence, now);
  });
  return { rows: rows.length, imported: good.length, refused, dryRun: false };
}

/**
 * The archive in scope as CSV or .xlsx under the Chinese headers, one row per contact (or one for a
 * customer without contacts); either file imports again unchanged.
 */
export async function exportCustomers(
  db: Db,
  scope: FieldScope,
  format: ExportFormat,
): Promise<string | Buffer> {
  // R-PRIVACY: the file carries full numbers (it must import again), so the export is on record.
  await logUnmask(db, scope.userId, "field_export", scope.regionCode ?? "all", null, "导出客户档案 archive export");
  const customers = await db
    .select()
    .from(fieldCustomers)
    .where(scope.regionCode ? eq(fieldCustomers.regionCode, scope.regionCode) : and())
    .orderBy(fieldCustomers.regionCode, fieldCustomers.village, fieldCustomers.name);
  const contacts = await contactsOf(
    db,
    customers.map((c) => c.id),
  );
  const agentRows = await listUsers(db);
  const agentName = new Map(agentRows.map((a) => [a.id, a.username]));
  const rows = customers.flatMap((c) => {
    const ours = c.products.filter((p) => p.ours).map((p) => p.name);
    const theirs = c.products
      .filter((p) => !p.ours)
      .map((p) => (p.operator ? `${p.operator}:${p.name}` : p.name));
    const base = [
      c.name,
      tierWord[c.tier],
      c.regionCode,
      c.town,
      c.village,
      c.address,
      c.phone,
      c.agentId ? agentName.get(c.agentId) : "",
    ];
    const tail = [ours.join(";"), theirs.join(";")];
    const mine = contacts.filter((k) => k.customerId === c.id);
    if (mine.length === 0) return [[...base, "", "", "", "", "", ...tail]];
    return mine.map((k) => [
      ...base,
      k.name,
      k.title,
      k.phone,
      k.birthday,
      k.decisionMaker ? "是" : "否",
      ...tail,
    ]);
  });
  const header = CUSTOMER_COLUMNS.map(([, zh]) => zh);
  return format === "xlsx" ? toXlsx("客户档案", header, rows) : toCsv(header, rows);
}
