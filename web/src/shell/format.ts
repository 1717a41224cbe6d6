import type { TFunction } from "i18next";

/** 5:07 — minutes and seconds for running clocks. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** "约 12 分钟" style: whole minutes, at least 1, for estimates shown to customers. */
export function minutes(seconds: number | null | undefined, t: TFunction): string {
  if (seconds == null) return "—";
  return t("units.minutes", { n: Math.max(1, Math.round(seconds / 60)) });
}

/** "3 分 20 秒" for means and durations shown to staff; whole minutes as "10 分". */
export function duration(seconds: number | null | undefined, t: TFunction): string {
  if (seconds == null) return "—";
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  if (m === 0) return `${s} ${t("units.secShort")}`;
  return s % 60 === 0
    ? `${m} ${t("units.minShort")}`
    : `${m} ${t("units.minShort")} ${s % 60} ${t("units.secShort")}`;
}

export const timeOf = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false })
    : "—";

export const timeWithSeconds = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleTimeString("zh-CN", {
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hour12: false,
      })
    : "—";

export const percent = (share: number | null | undefined) =>
  share == null ? "—" : `${Math.round(share * 100)}%`;

export const secondsSince = (iso: string | null | undefined, now = Date.now()) =>
  iso ? Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000)) : 0;

/**
 * The built-in peak actions read "开启备用台席 Open standby counters": Chinese, then English. Shows the
 * part in the screen's language; an action an admin wrote in one language is shown as written.
 */
export function actionText(text: string, language: string): string {
  const m = /^([^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s+([A-Za-z].*)$/.exec(text);
  if (!m) return text;
  return language === "en" ? m[2] : m[1];
}

const yuanFormat = new Intl.NumberFormat("zh-CN", {
  style: "currency",
  currency: "CNY",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
/** ¥12,345.67 — an amount in yuan to the fen; "—" when there is none. */
export const yuan = (amount: number | null | undefined) => (amount == null ? "—" : yuanFormat.format(amount));
