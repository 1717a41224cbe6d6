import { useEffect } from "react";
import { useTranslation } from "react-i18next";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del"] as const;

/** An on-screen number pad (a kiosk has no keyboard); a card reader or keyboard typing digits works too. */
export function PhonePad({
  value,
  onChange,
  maxLength = 11,
  label,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
  label?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const press = (k: (typeof keys)[number]) => {
    if (k === "del") onChange(value.slice(0, -1));
    else if (k === "clear") onChange("");
    else if (value.length < maxLength) onChange(value + k);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key) && value.length < maxLength) onChange(value + e.key);
      else if (e.key === "Backspace") onChange(value.slice(0, -1));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [value, onChange, maxLength]);
  // A phone reads 3-4-4; a card number in groups of four.
  const shown =
    maxLength === 11
      ? value.replace(/^(\d{3})(\d{0,4})(\d{0,4})$/, (_, a, b, c) => [a, b, c].filter(Boolean).join(" "))
      : value.replace(/(\d{4})(?=\d)/g, "$1 ");
  return (
    <div className="kiosk-pad">
      <output className="kiosk-pad-display" aria-label={label ?? t("kiosk.phoneLabel")} aria-live="polite">
        {shown || <span className="kiosk-pad-placeholder">{placeholder ?? t("kiosk.phonePlaceholder")}</span>}
      </output>
      <div className="kiosk-pad-keys">
        {keys.map((k) => (
          <button
            key={k}
            type="button"
            className={`kiosk-key ${k.length > 1 ? "kiosk-key-fn" : ""}`}
            onClick={() => press(k)}
            aria-label={k === "del" ? t("kiosk.del") : k === "clear" ? t("kiosk.clear") : k}
          >
            {k === "del" ? "⌫" : k === "clear" ? t("kiosk.clear") : k}
          </button>
        ))}
      </div>
    </div>
  );
}

export const validCard = (v: string) => /^\d{6,19}$/.test(v);
