import type { Workbook, Worksheet } from "exceljs";
import type { z } from "zod";
import type { figuresSchema, Summary } from "./summary-contract.js";

// The report as a workbook (exceljs): one sheet for the scope, one for its children, one by business type;
// Chinese headers, number formats, a frozen bold header row. The figures are the JSON's, cell for cell.

type Figures = z.infer<typeof figuresSchema>;
export const COLUMNS: {
  header: string;
  width: number;
  format: string;
  value: (f: Figures) => number | null;
}[] = [
  { header: "取号", width: 8, format: "0", value: (f) => f.tickets.issued },
  { header: "办结", width: 8, format: "0", value: (f) => f.tickets.served },
  { header: "过号", width: 8, format: "0", value: (f) => f.tickets.noShow },
  { header: "取消", width: 8, format: "0", value: (f) => f.tickets.cancelled },
  { header: "分流", width: 8, format: "0", value: (f) => f.tickets.diverted },
  { header: "转移", width: 8, format: "0", value: (f) => f.tickets.transferred },
  { header: "平均等候(秒)", width: 12, format: "0", value: (f) => f.waiting.meanSeconds },
  { header: "P90等候(秒)", width: 12, format: "0", value: (f) => f.waiting.p90Seconds },
  { header: "等候达标率", width: 11, format: "0.0%", value: (f) => f.waiting.withinLimitShare },
  { header: "平均办理(秒)", width: 12, format: "0", value: (f) => f.handling.meanSeconds },
  { header: "办理达标率", width: 11, format: "0.0%", value: (f) => f.handling.withinLimitShare },
  { header: "等候超时", width: 9, format: "0", value: (f) => f.breaches.waiting },
  { header: "办理超时", width: 9, format: "0", value: (f) => f.breaches.handling },
  { header: "问候超时", width: 9, format: "0", value: (f) => f.breaches.greeting },
  { header: "一级预警", width: 9, format: "0", value: (f) => f.peakWarnings.level1 },
  { header: "二级预警", width: 9, format: "0", value: (f) => f.peakWarnings.level2 },
  { header: "三级预警", width: 9, format: "0", value: (f) => f.peakWarnings.level3 },
  { header: "三级时长(分)", width: 12, format: "0", value: (f) => f.peakWarnings.minutesAtLevel3 },
  { header: "分流建议", width: 9, format: "0", value: (f) => f.diversion.suggested },
  { header: "分流成功", width: 9, format: "0", value: (f) => f.diversion.taken },
  { header: "投诉", width: 8, format: "0", value: (f) => f.complaints.received },
  { header: "申诉", width: 8, format: "0", value: (f) => f.complaints.appeals },
  { header: "首次答复", width: 9, format: "0", value: (f) => f.complaints.firstReplied },
  { header: "及时答复", width: 9, format: "0", value: (f) => f.complaints.firstReplyOnTime },
  { header: "投诉解决", width: 9, format: "0", value: (f) => f.complaints.resolved },
  { header: "投诉超时", width: 9, format: "0", value: (f) => f.complaints.overdue },
  { header: "故障申告", width: 9, format: "0", value: (f) => f.faults.reported },
  { header: "及时申告", width: 9, format: "0", value: (f) => f.faults.reportedInTime },
  { header: "故障关闭", width: 9, format: "0", value: (f) => f.faults.closed },
  { header: "走访完成", width: 9, format: "0", value: (f) => f.visits.done },
  { header: "应访", width: 8, format: "0", value: (f) => f.visits.due },
  { header: "逾期未访", width: 9, format: "0", value: (f) => f.visits.overdue },
  { header: "评价数", width: 8, format: "0", value: (f) => f.satisfaction.padRatings },
  { header: "满意率", width: 9, format: "0.0%", value: (f) => f.satisfaction.satisfiedShare },
];

function sheetOf(
  book: Workbook,
  name: string,
  first: string,
  rows: { label: string; f: Figures }[],
): Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: first, width: 24 },
    ...COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: c.format } })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow([r.label, ...COLUMNS.map((c) => c.value(r.f))]);
  return sheet;
}

export async function summaryWorkbook(r: Summary): Promise<Buffer> {
  const book = new (await import("exceljs")).default.Workbook();
  sheetOf(book, "汇总", "范围 / 期间", [
    { label: `${r.name} ${r.period}`, f: r },
    { label: `上期 ${r.previous.period}`, f: r.previous },
  ]);
  sheetOf(
    book,
    "下级",
    "下级",
    r.children.map((c) => ({ label: c.name, f: c })),
  );
  sheetOf(
    book,
    "按业务",
    "业务",
    r.byBusinessType.map((b) => ({ label: b.name, f: b })),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same figures as one CSV table: the scope, the period before, the children, the business types. */
export function summaryCsvRows(r: Summary) {
  const row = (part: string, label: string, f: Figures) => [part, label, ...COLUMNS.map((c) => c.value(f))];
  return {
    header: ["部分", "名称", ...COLUMNS.map((c) => c.header)],
    rows: [
      row("汇总", `${r.name} ${r.period}`, r),
      row("上期", r.previous.period, r.previous),
      ...r.children.map((c) => row("下级", c.name, c)),
      ...r.byBusinessType.map((b) => row("按业务", b.name, b)),
    ],
  };
}
