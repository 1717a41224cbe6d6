import { ClockCircleOutlined, PauseCircleOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useNow } from "../../shell/useNow";

/** "2 天 3 小时" style for SLA clocks that run in hours and days. */
export function span(ms: number, en: boolean): string {
  const m = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (en) return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${min}m` : `${min}m`;
  return d > 0 ? `${d}天${h}小时` : h > 0 ? `${h}小时${min}分` : `${min}分钟`;
}

type Props = { dueKind: string | null; dueAt: string | null; warnAt: string | null };

/** The running SLA clock of a complaint: green, amber after 80 % of the limit, red when past. */
export function DueClock({ dueKind, dueAt, warnAt }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  if (!dueKind) return <span style={{ color: "#94a3b8" }}>{t("complaints.noClock")}</span>;
  const what = t(`complaints.clock.${dueKind}`);
  if (!dueAt)
    return (
      <Tag icon={<PauseCircleOutlined />} color="default">
        {what} · {t("complaints.paused")}
      </Tag>
    );
  const left = Date.parse(dueAt) - now;
  const en = i18n.language === "en";
  const color = left < 0 ? "red" : warnAt && Date.parse(warnAt) <= now ? "orange" : "green";
  return (
    <Tag icon={<ClockCircleOutlined />} color={color}>
      {what} ·{" "}
      {left < 0
        ? t("complaints.overdue", { t: span(left, en) })
        : t("complaints.dueIn", { t: span(left, en) })}
    </Tag>
  );
}

export const stateColor: Record<string, string> = {
  received: "blue",
  accepted: "blue",
  work_order: "purple",
  waiting_customer: "default",
  waiting_third_party: "default",
  replied: "cyan",
  resolved: "green",
  callback_done: "green",
  reopened: "volcano",
  closed: "default",
  withdrawn: "default",
  refused: "default",
};
