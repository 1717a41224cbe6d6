import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { clock } from "../../shell/format";
import { useNow } from "../../shell/useNow";

/**
 * One fault clock as a countdown: mm:ss for the 5- and 30-minute limits, hours for the repair limit.
 * Green while under 80 %, amber after, red when past; grey "done" once met.
 */
export function FaultClock({
  kind,
  from,
  due,
  metAt,
  late,
}: {
  kind: "report" | "progress" | "repair";
  from: string;
  due: string;
  metAt: string | null;
  late: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const label = t(`faults.clock.${kind}`);
  if (metAt)
    return (
      <Tag color={late ? "red" : "default"} data-clock={kind}>
        {label} · {late ? t("faults.late") : t("faults.met")}
      </Tag>
    );
  const total = Date.parse(due) - Date.parse(from);
  const left = Date.parse(due) - now;
  const color = left < 0 ? "red" : left < total * 0.2 ? "orange" : "green";
  const text = clock(Math.abs(left) / 1000);
  return (
    <Tag
      color={color}
      data-clock={kind}
      style={{ fontVariantNumeric: "tabular-nums", fontSize: 14, padding: "2px 8px" }}
    >
      {label} · {left < 0 ? t("faults.over", { t: text }) : t("faults.left", { t: text })}
    </Tag>
  );
}
