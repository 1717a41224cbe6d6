import { GlobalOutlined } from "@ant-design/icons";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../i18n";

export function LanguageSwitch({ size = "middle" }: { size?: "small" | "middle" | "large" }) {
  const { t, i18n } = useTranslation();
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
      <GlobalOutlined aria-hidden />
      <Segmented<Language>
        size={size}
        aria-label={t("lang.label")}
        value={i18n.language === "en" ? "en" : "zh-CN"}
        onChange={(v) => setLanguage(v)}
        options={[
          { label: t("lang.zh"), value: "zh-CN" },
          { label: t("lang.en"), value: "en" },
        ]}
      />
    </span>
  );
}
