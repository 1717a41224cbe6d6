import { useTranslation } from "react-i18next";
import type { StreamState } from "../../api/events";
import type { Call } from "./calls";

export function CurrentCall({ call, typeName }: { call: Call | null; typeName: (code: string) => string }) {
  const { t } = useTranslation();
  if (!call) {
    return (
      <section className="display-current display-current-empty" aria-live="polite">
        <p>{t("display.noCalls")}</p>
      </section>
    );
  }
  return (
    <section className="display-current" aria-live="assertive" data-testid="current-call">
      {/* The key restarts the highlight animation on every new call. */}
      <div key={call.key} className="display-current-inner">
        <div className="display-current-line">
          <span className="display-word">{t("display.pleaseGo")}</span>
          <span className="display-current-number">{call.number}</span>
          <span className="display-word">{t("display.numberSuffix")}</span>
        </div>
        <div className="display-current-line">
          <span className="display-word">{t("display.goTo")}</span>
          <span className="display-current-counter">{t("display.counter", { n: call.counterNumber })}</span>
          <span className="display-word">{t("display.handle")}</span>
        </div>
        <div className="display-current-meta">
          {typeName(call.businessType)}
          {call.recall && <span className="display-recall">{t("display.recall")}</span>}
        </div>
      </div>
    </section>
  );
}

export function RecentCalls({ calls }: { calls: Call[] }) {
  const { t } = useTranslation();
  return (
    <section className="display-recent" aria-label={t("display.recent")}>
      <h2>{t("display.recent")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("display.number")}</th>
            <th scope="col">{t("display.window")}</th>
          </tr>
        </thead>
        <tbody data-testid="recent-calls">
          {calls.map((c) => (
            <tr key={c.key}>
              <td className="display-recent-number">
                {c.number}
                {c.recall && (
                  <span className="display-recall display-recall-small">{t("display.recall")}</span>
                )}
              </td>
              <td>{t("display.counter", { n: c.counterNumber })}</td>
            </tr>
          ))}
          {calls.length === 0 && (
            <tr>
              <td colSpan={2} className="display-recent-empty">
                —
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

/** 暂离: the counters whose clerk stepped away, with an apology, so nobody waits at an empty window. */
export function AwayNotice({ counters }: { counters: number[] }) {
  const { t } = useTranslation();
  if (counters.length === 0) return null;
  const names = counters.map((n) => t("display.counter", { n })).join(t("display.awayJoin"));
  return (
    <section className="display-away" role="status" data-testid="away-notice">
      {t("display.away", { counters: names })}
    </section>
  );
}

export function WaitingBand({
  rows,
  total,
}: {
  rows: { code: string; name: string; waiting: number }[];
  total: number;
}) {
  const { t } = useTranslation();
  return (
    <section className="display-waiting" aria-label={t("display.waitingTitle")}>
      <div className="display-waiting-title">
        {t("display.waitingTitle")}
        <strong>{total > 0 ? t("display.waitingTotal", { n: total }) : t("display.waitingNone")}</strong>
      </div>
      <ul className="display-waiting-list">
        {rows.map((r) => (
          <li key={r.code} className={r.waiting > 0 ? "display-waiting-busy" : undefined}>
            <span>{r.name}</span>
            <b>{r.waiting}</b>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StatusDot({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  const label =
    state === "open"
      ? t("state.live")
      : state === "connecting"
        ? t("state.connecting")
        : t("state.reconnecting");
  return (
    <span className={`display-status display-status-${state}`} role="status" aria-label={label} title={label}>
      <span className="display-status-dot" aria-hidden />
      {state !== "open" && <span className="display-status-text">{label}</span>}
    </span>
  );
}
