import { can, type Principal } from "../../core/access.js";
import { clockOf, localParts, parseClock, zonedInstant } from "../../core/time.js";
import type { OpeningHours } from "../halls/contract.js";
import type {
  IncidentAction,
  IncidentKind,
  JudgedItem,
  NotifiedParty,
  SiteCheckInput,
  SiteItem,
} from "./contract.js";

// R-SITE and R-SITE-ITEMS (HM ch.5 §8, the blueprint's daily check): the items a hall checks before it opens.
// `opening` and `devices` are judged by the server; the rest by the person walking the floor.
export const DEFAULT_SITE_ITEMS: SiteItem[] = [
  {
    code: "opening",
    label: "准时开门、按公示时间营业",
    labelEn: "Opened on time, open for the posted hours",
  },
  {
    code: "temperature",
    label: "室温 24–26 °C",
    labelEn: "Temperature 24–26 °C",
    min: 24,
    max: 26,
    unit: "°C",
  },
  { code: "light_air", label: "光线明亮、通风无异味", labelEn: "Bright, ventilated, no odour" },
  { code: "clean", label: "环境整洁", labelEn: "Clean and tidy" },
  { code: "water", label: "饮水机有水有杯", labelEn: "Water dispenser with water and cups" },
  { code: "seats", label: "座椅完好充足", labelEn: "Enough seats in good order" },
  { code: "ticket_machine", label: "取号机正常", labelEn: "Ticket machine working" },
  { code: "self_service", label: "自助终端正常", labelEn: "Self-service terminals working" },
  { code: "devices", label: "叫号屏、评价器在线", labelEn: "Calling display and evaluation pads online" },
];
export const AUTO_ITEMS = ["opening", "devices"] as const;
export const isAuto = (code: string) => (AUTO_ITEMS as readonly string[]).includes(code);

/** The first ticket may come this long after the posted opening before the hall counts as late. */
export const OPENING_GRACE_MINUTES = 15;
/** A device with no request or stream this long is silent. */
export const DEVICE_SILENT_MINUTES = 10;
/** A failed item is due this long after the check unless the check says otherwise. */
export const TASK_DUE_MINUTES = 120;
/** A silent device is due back this long after its task is raised. */
export const DEVICE_TASK_DUE_MINUTES = 30;

type Entry = SiteCheckInput["items"][number];
const base = (item: SiteItem, e: Entry | undefined) => ({
  code: item.code,
  label: item.label,
  labelEn: item.labelEn ?? null,
  value: e?.value ?? null,
  min: item.min ?? null,
  max: item.max ?? null,
  unit: item.unit ?? null,
  note: e?.note ?? null,
  photo: e?.photo ?? null,
});

/**
 * A person's item: a measured one passes inside its range (27.5 °C fails whatever the box says); the others
 * pass as ticked. Null when the entry says neither (the caller asks for it).
 */
export function judgeItem(item: SiteItem, e: Entry): JudgedItem | null {
  const ranged = item.min !== undefined || item.max !== undefined;
  if (ranged && e.value !== undefined) {
    const ok =
      (item.min === undefined || e.value >= item.min) && (item.max === undefined || e.value <= item.max);
    const range = `${item.min ?? "−∞"}–${item.max ?? "∞"}${item.unit ?? ""}`;
    return {
      ...base(item, e),
      ok,
      auto: false,
      reason: ok ? null : `${e.value}${item.unit ?? ""} 超出 ${range}`,
    };
  }
  if (e.ok === undefined) return null;
  return { ...base(item, e), ok: e.ok, auto: false, reason: null };
}

/** The posted opening of a local day (minutes), or null when the hall is closed that day. */
export function postedOpening(hours: OpeningHours, weekday: number): number | null {
  const row = hours.find((r) => r.weekdays.includes(weekday));
  return row ? parseClock(row.open) : null;
}

/**
 * Opened on time: the day's first ticket against the posted opening, with OPENING_GRACE_MINUTES' grace.
 * Before the grace is over with no ticket yet, the person's word stands; after it, no ticket is a late
 * opening. A person's "not ok" (the door opened late with nobody waiting) fails it either way.
 */
export function judgeOpening(
  item: SiteItem,
  e: Entry | undefined,
  q: { at: Date; hours: OpeningHours; firstTicketAt: Date | null; timeZone: string },
): JudgedItem {
  const local = localParts(q.at, q.timeZone);
  const open = postedOpening(q.hours, local.weekday);
  const said = e?.ok;
  const out = (ok: boolean, reason: string | null): JudgedItem => ({
    ...base(item, e),
    ok,
    auto: true,
    reason,
  });
  if (open === null) return out(said ?? true, "今日无公示营业时间");
  // A hall open round the clock has no opening to be late for.
  const row = q.hours.find((r) => r.weekdays.includes(local.weekday));
  if (row?.open === "00:00" && row.close === "24:00") return out(said ?? true, "全天营业");
  const deadline = zonedInstant(local.date, open + OPENING_GRACE_MINUTES, q.timeZone);
  if (said === false) return out(false, "检查人记录未按时开门");
  if (q.firstTicketAt) {
    const first = localParts(q.firstTicketAt, q.timeZone);
    if (q.firstTicketAt > deadline)
      return out(false, `首张票 ${clockOf(first.minutes)}，晚于公示开门 ${clockOf(open)}`);
    return out(true, `首张票 ${clockOf(first.minutes)}，公示开门 ${clockOf(open)}`);
  }
  if (q.at > deadline)
    return out(false, `公示开门 ${clockOf(open)} 后 ${OPENING_GRACE_MINUTES} 分钟仍无取号`);
  return out(true, `公示开门 ${clockOf(open)}，尚未出票`);
}

export type DeviceSeen = {
  id: string;
  kind: "kiosk" | "display" | "pad";
  label: string;
  lastSeenAt: Date | null;
};

/** Whether a device has been quiet for DEVICE_SILENT_MINUTES at `at` (never seen counts as silent). */
export const isSilent = (d: DeviceSeen, at: Date) =>
  !d.lastSeenAt || at.getTime() - d.lastSeenAt.getTime() > DEVICE_SILENT_MINUTES * 60_000;

/** The devices item: every kiosk, display and pad of the hall heard from in the last minutes. */
export function judgeDevices(
  item: SiteItem,
  e: Entry | undefined,
  devices: DeviceSeen[],
  at: Date,
): JudgedItem {
  const states = devices.map((d) => ({
    id: d.id,
    kind: d.kind,
    label: d.label,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    silent: isSilent(d, at),
  }));
  const silent = states.filter((d) => d.silent);
  return {
    ...base(item, e),
    ok: silent.length === 0 && e?.ok !== false,
    auto: true,
    reason: silent.length
      ? `${silent.map((d) => d.label).join("、")} ${DEVICE_SILENT_MINUTES} 分钟内无连接`
      : devices.length
        ? null
        : "本厅未登记设备",
    devices: states,
  };
}

/** The title of the task a failed item raises. */
export const taskTitle = (item: JudgedItem) =>
  `${item.label}：${item.reason ?? item.note ?? "检查未通过"}`.slice(0, 200);

export const deviceTaskTitle = (d: { label: string }) =>
  `设备离线：${d.label} ${DEVICE_SILENT_MINUTES} 分钟内无连接`;

/** What a person may do with a site task: its owner or a manager closes it; a manager hands it on. */
export function allowedTaskActions(principal: Principal | undefined, t: { state: string; ownerId: string }) {
  if (principal?.kind !== "user" || t.state !== "open") return [];
  const manager = can(principal, "site.manage");
  const out: ("done" | "reassign")[] = [];
  if (manager || principal.id === t.ownerId) out.push("done");
  if (manager) out.push("reassign");
  return out;
}

// HM ch.7 item 23: 寻衅闹事、扰乱正常营业秩序者，情节严重的应报告公安机关给予处理同时报安保部门备案. A serious case
// is reported to the security department; one that breaks the peace (disturbance, theft, fire) to the
// police as well. A serious case closes only when they were told.
const POLICE_KINDS: IncidentKind[] = ["disturbance", "theft", "fire"];

export function mustNotify(i: { kind: IncidentKind; severity: string }): NotifiedParty[] {
  if (i.severity !== "serious") return [];
  return POLICE_KINDS.includes(i.kind) ? ["police", "security"] : ["security"];
}

export function missingNotices(i: {
  kind: IncidentKind;
  severity: string;
  policeNotifiedAt: Date | null;
  securityNotifiedAt: Date | null;
}): NotifiedParty[] {
  return mustNotify(i).filter((p) => !(p === "police" ? i.policeNotifiedAt : i.securityNotifiedAt));
}

export function allowedIncidentActions(
  principal: Principal | undefined,
  i: { state: string },
): IncidentAction[] {
  if (!principal || i.state !== "open") return [];
  const out: IncidentAction[] = [];
  if (can(principal, "incident.record")) out.push("note", "notify");
  if (can(principal, "incident.close")) out.push("close");
  return out;
}
