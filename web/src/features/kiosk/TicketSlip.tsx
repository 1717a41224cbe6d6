import { CheckCircleFilled, PrinterOutlined } from "@ant-design/icons";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Hall, Ticket } from "../../api/types";
import { minutes, timeWithSeconds } from "../../shell/format";
import { useLocalNames } from "../../shell/names";

type Props = { ticket: Ticket; hall: Hall; typeLabel: string; autoPrint: boolean; onDone: () => void };

const BACK_AFTER_SECONDS = 20;

/** The issued ticket, on screen and on 80 mm thermal paper (see the print rules in kiosk.css). */
export function TicketSlip({ ticket, hall, typeLabel, autoPrint, onDone }: Props) {
  const { t } = useTranslation();
  const { hallName } = useLocalNames();
  const [left, setLeft] = useState(BACK_AFTER_SECONDS);
  useEffect(() => {
    // Let the slip render before the print dialog (or kiosk printing) takes the page.
    if (autoPrint) {
      const id = setTimeout(() => window.print(), 300);
      return () => clearTimeout(id);
    }
  }, [autoPrint]);
  useEffect(() => {
    const id = setInterval(() => setLeft((n) => n - 1), 1000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);

  const rows: [string, string][] = [
    [t("kiosk.business"), typeLabel],
    [t("kiosk.ahead"), t("kiosk.aheadValue", { n: ticket.ahead ?? 0 })],
    [t("kiosk.estimate"), minutes(ticket.estimatedWaitSeconds ?? 0, t)],
    [
      t("kiosk.issuedAt"),
      `${new Date(ticket.issuedAt).toLocaleDateString("zh-CN")} ${timeWithSeconds(ticket.issuedAt)}`,
    ],
  ];
  return (
    <section className="kiosk-result" aria-live="assertive" aria-label={t("kiosk.yourNumber")}>
      <div className="kiosk-slip ticket-print">
        <div className="slip-hall">{hallName(hall)}</div>
        <div className="slip-label">{t("kiosk.yourNumber")}</div>
        <div className="slip-number" data-testid="ticket-number">
          {ticket.number}
        </div>
        {ticket.vip && <div className="slip-vip">VIP</div>}
        <dl className="slip-rows">
          {rows.map(([k, v]) => (
            <div key={k} className="slip-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="slip-notice">{t("kiosk.slipNotice")}</p>
        {ticket.phone && <p className="slip-notice">☎ {ticket.phone}</p>}
      </div>
      <div className="kiosk-result-side">
        <p className="kiosk-printed">
          <CheckCircleFilled aria-hidden /> {t("kiosk.printed")}
        </p>
        <button type="button" className="kiosk-btn kiosk-btn-ghost" onClick={() => window.print()}>
          <PrinterOutlined aria-hidden /> {t("kiosk.print")}
        </button>
        <button type="button" className="kiosk-btn kiosk-btn-primary" onClick={onDone}>
          {t("kiosk.done")}
        </button>
        <p className="kiosk-back">{t("kiosk.backIn", { n: Math.max(0, left) })}</p>
      </div>
    </section>
  );
}
