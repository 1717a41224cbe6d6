import { MobileOutlined } from "@ant-design/icons";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

// The channels a customer can use without waiting in this line (R-DIVERT's e-channels and self-service).
const NOW_CHANNELS = new Set(["self_service_terminal", "hall_24h", "online_hall", "sms_hall", "hotline"]);

/** The e-channels of a business that serve the customer now, in the catalog's order. */
export const eChannelsOf = (divertChannels: readonly string[]) =>
  divertChannels.filter((c) => NOW_CHANNELS.has(c));

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
