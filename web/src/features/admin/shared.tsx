import { useQuery } from "@tanstack/react-query";
import { App, Select } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";

export const useHalls = () =>
  useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });

/** The hall a tab works on; the first in scope until someone picks another. */
export function HallPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const halls = useHalls();
  useEffect(() => {
    if (!value && halls.data?.[0]) onChange(halls.data[0].id);
  }, [value, halls.data, onChange]);
  return (
    <Select
      aria-label={t("admin.pickHall")}
      placeholder={t("admin.pickHall")}
      value={value}
      onChange={onChange}
      style={{ minWidth: 240 }}
      options={(halls.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
    />
  );
}

/** Error toasts that show the server's own message (validation, conflicts). */
export function useFail() {
  const { message } = App.useApp();
  return (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
}
