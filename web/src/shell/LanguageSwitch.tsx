import { GlobalOutlined } from "@ant-design/icons";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../i18n";

/** 中文 | English; `short` (a phone's header) says 中 | EN, each still named in full for screen readers. */
export function LanguageSwitch({
  size = "middle",
  short = false,
}: {
  size?: "small" | "middle" | "large";
  short?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const label = (lang: "zh" | "en") =>
    short ? (
      <>
        <span aria-hidden>{t(`lang.${lang}Short`)}</span>
        <span className="tw-sr-only">{t(`lang.${lang}`)}</span>
      </>
    ) : (
      t(`lang.${lang}`)
    );
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 6, flexShrink: 0 }}>
      {!short && <GlobalOutlined aria-hidden />}
      <Segmented<Language>
        size={size}
        aria-label={t("lang.label")}
        value={i18n.language === "en" ? "en" : "zh-CN"}
        onChange={(v) => setLanguage(v)}
        options={[
          { label: label("zh"), value: "zh-CN" },
          { label: label("en"), value: "en" },
        ]}
      />
    </span>
  );
}
