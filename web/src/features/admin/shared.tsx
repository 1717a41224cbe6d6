import { useQuery } from "@tanstack/react-query";
import { App, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useSession } from "../../api/session";
import { useLocalNames } from "../../shell/names";

export const useHalls = () =>
  useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });

/**
 * The hall the counters, devices and peak tabs work on, kept in the address (?hall=) so it stays when
 * switching tabs; by default the person's own hall, else the first in scope.
 */
export function useAdminHall(): [string | undefined, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const { principal } = useSession();
  const halls = useHalls();
  const chosen = params.get("hall") ?? undefined;
  const own = principal?.kind === "user" ? principal.hallId : null;
  const fallback = halls.data?.find((h) => h.id === own)?.id ?? halls.data?.[0]?.id;
  const set = (id: string) =>
    setParams(
      (p) => {
        p.set("hall", id);
        return p;
      },
      { replace: true },
    );
  return [chosen ?? fallback, set];
}

export function HallPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const halls = useHalls();
  const { hallName } = useLocalNames();
  return (
    <Select
      aria-label={t("admin.pickHall")}
      placeholder={t("admin.pickHall")}
      value={value}
      onChange={onChange}
      style={{ minWidth: 240 }}
      options={(halls.data ?? []).map((h) => ({ value: h.id, label: hallName(h) }))}
    />
  );
}

/** Error toasts that show the server's own message (validation, conflicts). */
export function useFail() {
  const { message } = App.useApp();
  return (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
}
