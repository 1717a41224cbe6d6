import { CrownOutlined, EnvironmentOutlined, StopOutlined } from "@ant-design/icons";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

export type NearestHall = { id?: string; name: string; address: string; distanceKm?: number | null } | null;

/** R-CATALOG: a business this hall may not perform, and the nearest hall that can. */
export function Refused({
  typeLabel,
  nearest,
  onDone,
}: {
  typeLabel: string;
  nearest: NearestHall;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const id = setTimeout(onDone, 30_000);
    return () => clearTimeout(id);
  }, [onDone]);
  return (
    <section className="kiosk-message" role="alert">
      <StopOutlined className="kiosk-message-icon kiosk-message-warn" aria-hidden />
      <h2>{t("kiosk.refusedTitle", { type: typeLabel })}</h2>
      {nearest ? (
        <div className="kiosk-nearest">
          <p>{t("kiosk.refusedHint")}</p>
          <p className="kiosk-nearest-name">
            <EnvironmentOutlined aria-hidden /> {nearest.name}
          </p>
          <p className="kiosk-nearest-address">
            {nearest.address}
            {nearest.distanceKm != null && ` · ${t("kiosk.distance", { km: nearest.distanceKm })}`}
          </p>
        </div>
      ) : (
        <p>{t("kiosk.refusedNone")}</p>
      )}
      <button type="button" className="kiosk-btn kiosk-btn-primary" onClick={onDone}>
        {t("action.back")}
      </button>
    </section>
  );
}

/** A VIP ticket asked for by a phone the operator does not know as a VIP's: the card, or a regular ticket. */
export function NotVip({
  onRegular,
  onCard,
  onDone,
  pending,
}: {
  onRegular: () => void;
  onCard: () => void;
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
      <CrownOutlined className="kiosk-message-icon kiosk-message-warn" aria-hidden />
      <h2>{t("kiosk.notVipTitle")}</h2>
      <p>{t("kiosk.notVipHint")}</p>
      <div className="kiosk-phone-actions">
        <button type="button" className="kiosk-btn kiosk-btn-ghost" onClick={onDone}>
          {t("action.back")}
        </button>
        <button type="button" className="kiosk-btn kiosk-btn-ghost" onClick={onCard}>
          {t("kiosk.vipByCard")}
        </button>
        <button type="button" className="kiosk-btn kiosk-btn-primary" disabled={pending} onClick={onRegular}>
          {t("kiosk.notVipRegular")}
        </button>
      </div>
    </section>
  );
}
