import type { Summary } from "./summary-contract.js";

// A scheduled report as an e-mail: a subject, the main figures in plain Chinese text beside the period
// before, and the workbook attached (workbook.ts).

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
const mins = (s: number | null) => (s === null ? "—" : `${(s / 60).toFixed(1)} 分钟`);

export function reportMail(r: Summary) {
  const p = r.previous;
  const line = (label: string, now: string | number, before: string | number) =>
    `${label}：${now}（上期 ${before}）`;
  return {
    subject: `【厅务报表】${r.name} ${r.period}`,
    text: [
      `${r.name} ${r.period}（${r.from} 至 ${r.to} 前）`,
      "",
      line("取号", r.tickets.issued, p.tickets.issued),
      line("办结", r.tickets.served, p.tickets.served),
      line("等候达标率", pct(r.waiting.withinLimitShare), pct(p.waiting.withinLimitShare)),
      line("平均等候", mins(r.waiting.meanSeconds), mins(p.waiting.meanSeconds)),
      line("P90 等候", mins(r.waiting.p90Seconds), mins(p.waiting.p90Seconds)),
      line(
        "超时（等候/办理/问候）",
        `${r.breaches.waiting}/${r.breaches.handling}/${r.breaches.greeting}`,
        `${p.breaches.waiting}/${p.breaches.handling}/${p.breaches.greeting}`,
      ),
      line("三级高峰预警", r.peakWarnings.level3, p.peakWarnings.level3),
      line(
        "分流成功/建议",
        `${r.diversion.taken}/${r.diversion.suggested}`,
        `${p.diversion.taken}/${p.diversion.suggested}`,
      ),
      line("投诉受理", r.complaints.received, p.complaints.received),
      line(
        "投诉首次答复及时率",
        pct(r.complaints.firstReplyOnTimeShare),
        pct(p.complaints.firstReplyOnTimeShare),
      ),
      line("故障申告及时率", pct(r.faults.reportedInTimeShare), pct(p.faults.reportedInTimeShare)),
      line("走访完成/应访", `${r.visits.done}/${r.visits.due}`, `${p.visits.done}/${p.visits.due}`),
      line("评价满意率", pct(r.satisfaction.satisfiedShare), pct(p.satisfaction.satisfiedShare)),
      "",
      "明细见附件（Excel）。",
    ].join("\n"),
  };
}
