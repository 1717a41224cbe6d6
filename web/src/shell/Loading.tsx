import { Spin } from "antd";
import { useTranslation } from "react-i18next";

export function Loading({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      style={{ display: "grid", placeItems: "center", minHeight: "60vh", color: dark ? "#fff" : undefined }}
    >
      <Spin size="large" description={t("state.loading")} />
    </div>
  );
}
