import type { Rng } from "../features/staff/random.js";
import type { CopyValue } from "./copy-buffer.js";
import type { HistoryTicket } from "./history-model.js";
import type { HistoryHall, HistoryRows } from "./history-rows.js";

// The rows of seed-history beyond the queue: complaints, faults, and the field agents' visits.

const CATEGORIES = ["billing", "network", "service", "product", "other"];

type ExtrasInput = {
  hall: HistoryHall;
  date: string;
  day: HistoryTicket[];
  rng: Rng;
  at: (seconds: number) => Date;
  id: (seconds: number) => string;
};

/**
 * A hall's day beyond the queue: a complaint now and then (closed within days), a fault reported; and for
 * the first hall of a region, its agent's visits: government/enterprise and key customers in person
 * about every two weeks and by phone weekly (R-VISITPLAN), households now and then.
 */
export function writeExtras(out: HistoryRows, x: ExtrasInput) {
  const { hall, rng, at, id } = x;
  const hours = (h: number) => h * 3600;
  for (const c of hall.customers) {
    const inPerson = c.tier === "household" ? 1 / 90 : 1 / 14;
    const phone = c.tier === "household" ? 0 : 1 / 7;
    const r = rng();
    const kind = r < inPerson ? "in_person" : r < inPerson + phone ? "phone" : null;
    if (!kind) continue;
    const s = hours(rng() * 9);
    out.add("field_visit_records", [
      id(s),
      c.id,
      hall.regionCode,
      hall.agentId,
      kind,
      at(s),
      "日常维系",
      "客户情况正常",
      at(s + hours(72)),
      at(s + hours(24)),
      at(s),
    ]);
  }
  for (const t of x.day) {
    if (t.status !== "finished" || rng() >= 0.002) continue;
    const s = t.finishedAt!;
    const complaintId = id(s);
    const values: CopyValue[] = [
      complaintId,
      "complaint",
      hall.id,
      hall.regionCode,
      null,
      "counter",
      "客户",
      t.phone ?? "13900000000",
      CATEGORIES[Math.floor(rng() * CATEGORIES.length)],
      "normal",
      "等候时间过长，对办理结果不满意",
      "希望尽快处理并回复",
      "closed",
      hall.managerId,
      hall.managerId,
      at(s),
      at(s + 60),
      at(s + 120),
      at(s + hours(48)),
      at(s + hours(4 + rng() * 40)),
      at(s + hours(30 + rng() * 40)),
      at(s + hours(96)),
      at(s + hours(80)),
      rng() < 0.85 ? "satisfied" : "dissatisfied",
    ];
    out.add("complaints", values);
    const step = (offset: number, action: string, from: string | null, to: string) =>
      out.add("complaint_history", [
        id(s + offset),
        complaintId,
        hall.regionCode,
        action,
        from,
        to,
        hall.managerId,
        at(s + offset),
      ]);
    step(0, "receive", null, "received");
    step(hours(4), "reply", "received", "replied");
    step(hours(30), "resolve", "replied", "resolved");
    step(hours(60), "callback", "resolved", "callback_done");
    step(hours(80), "close", "callback_done", "closed");
  }
  if (rng() < 0.3) {
    const s = hours(1 + rng() * 8);
    const faultId = id(s);
    out.add("faults", [
      faultId,
      hall.id,
      hall.regionCode,
      hall.managerId,
      "客户",
      `139${String(Math.floor(rng() * 1e8)).padStart(8, "0")}`,
      rng() < 0.6 ? "broadband" : "fixed_line",
      "宽带无法上网",
      "closed",
      at(s),
      at(s + 300),
      at(s + 120 + rng() * 200),
      at(s + hours(24)),
      at(s + hours(2 + rng() * 30)),
      at(s + hours(34)),
      at(s + hours(36)),
      "satisfied",
    ]);
    const step = (offset: number, action: string, from: string | null, to: string) =>
      out.add("fault_history", [
        id(s + offset),
        faultId,
        hall.regionCode,
        action,
        from,
        to,
        hall.managerId,
        at(s + offset),
      ]);
    step(0, "record", null, "recorded");
    step(240, "report", "recorded", "reported");
    step(hours(20), "repair", "reported", "repaired");
    step(hours(34), "confirm", "repaired", "confirmed");
    step(hours(36), "close", "confirmed", "closed");
  }
}
