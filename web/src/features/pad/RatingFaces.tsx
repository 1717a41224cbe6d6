import { FrownFilled, FrownOutlined, MehOutlined, SmileFilled, SmileOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Rating } from "../../api/types";

export const ratingFaces: { rating: Rating; icon: ReactNode; color: string }[] = [
  { rating: "very_satisfied", icon: <SmileFilled />, color: "#15803d" },
  { rating: "satisfied", icon: <SmileOutlined />, color: "#16a34a" },
  { rating: "neutral", icon: <MehOutlined />, color: "#ca8a04" },
  { rating: "unsatisfied", icon: <FrownOutlined />, color: "#ea580c" },
  { rating: "very_unsatisfied", icon: <FrownFilled />, color: "#dc2626" },
];

export const positiveReasons = ["friendly", "efficient", "clear", "environment"] as const;
export const negativeReasons = ["long_wait", "attitude", "unfamiliar", "unresolved"] as const;

/** R-EVAL: five large faces, best first; the whole face is the touch target. */
export function RatingFaces({ value, onPick }: { value: Rating | null; onPick: (r: Rating) => void }) {
  const { t } = useTranslation();
  return (
    <div className="pad-faces">
      {ratingFaces.map((f) => (
        <button
          key={f.rating}
          type="button"
          aria-pressed={value === f.rating}
          className={`pad-face ${value === f.rating ? "pad-face-on" : ""}`}
          style={{ color: f.color, borderColor: value === f.rating ? f.color : undefined }}
          onClick={() => onPick(f.rating)}
        >
          <span className="pad-face-icon" aria-hidden>
            {f.icon}
          </span>
          <span className="pad-face-label">{t(`rating.${f.rating}`)}</span>
        </button>
      ))}
    </div>
  );
}
