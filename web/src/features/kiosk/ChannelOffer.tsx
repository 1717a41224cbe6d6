import { MobileOutlined } from "@ant-design/icons";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** A business's channels that serve without the line (the board's eChannels, the server's), in catalog order. */
export const eChannelsOf = (divertChannels: readonly string[], eChannels: readonly string[]) =>
  divertChannels.filter((c) => eChannels.includes(c));

/**
 * R-PEAK level 2 (强制分流): before a ticket for divertible business, the kiosk offers its e-channels first;
 * the customer may still take a ticket.
 */
export function ChannelOffer({
  typeLabel,
  channels,
  onTicket,
  onDone,
  pending,
}: {
  typeLabel: string;
  channels: string[];
  onTicket: () => void;
  onDone: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const id = setTimeout(onDone, 60_000);
    return () => clearTimeout(id);
  }, [onDone]);
  return (
    <section className="kiosk-message" role="alert">
      <MobileOutlined className="kiosk-message-icon kiosk-message-warn" aria-hidden />
      <h2>{t("kiosk.offerTitle", { type: typeLabel })}</h2>
      <p>{t("kiosk.offerHint")}</p>
      <ul className="kiosk-offer-channels">
        {channels.map((c) => (
          <li key={c}>{t(`channel.${c}`)}</li>
        ))}
      </ul>
      <div className="kiosk-phone-actions">
        <button type="button" className="kiosk-btn kiosk-btn-primary" onClick={onDone}>
          {t("kiosk.offerAccept")}
        </button>
        <button type="button" className="kiosk-btn kiosk-btn-ghost" disabled={pending} onClick={onTicket}>
          {t("kiosk.offerTicket")}
        </button>
      </div>
    </section>
  );
}
