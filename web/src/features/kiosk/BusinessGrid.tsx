import { CrownOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { BusinessType, Hall } from "../../api/types";
import { iconFor, typeName } from "../../shell/catalog";

type Props = {
  types: BusinessType[];
  hall: Hall;
  waitingByType: Map<string, number>;
  onPick: (bt: BusinessType) => void;
  /** A ticket is being issued: the tiles wait (a tile issues at once for a VIP or a refused type). */
  busy?: boolean;
};

/** The kiosk's home: one large tile per business type, with how many are waiting for it. */
export function BusinessGrid({ types, hall, waitingByType, onPick, busy = false }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <div className="kiosk-grid">
      {types.map((bt) => {
        const forbidden = bt.forbiddenHallTypes.includes(hall.type);
        const name = typeName(bt, i18n.language);
        const waiting = waitingByType.get(bt.code) ?? 0;
        return (
          <button
            key={bt.code}
            type="button"
            className={`kiosk-tile ${forbidden ? "kiosk-tile-off" : ""}`}
            disabled={busy}
            onClick={() => onPick(bt)}
            aria-label={`${name}，${forbidden ? t("kiosk.notHere") : t("kiosk.waiting", { n: waiting })}`}
          >
            <span className="kiosk-tile-icon" aria-hidden>
              {iconFor(bt)}
            </span>
            <span className="kiosk-tile-name">{name}</span>
            <span className="kiosk-tile-meta">
              {forbidden ? t("kiosk.notHere") : t("kiosk.waiting", { n: waiting })}
            </span>
          </button>
        );
      })}
    </div>
  );
}

export function VipButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="kiosk-vip" onClick={onClick}>
      <CrownOutlined aria-hidden /> {t("kiosk.vip")}
    </button>
  );
}
