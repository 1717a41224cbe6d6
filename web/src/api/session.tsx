import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { ApiError, api, setCsrfToken, unwrap } from "./client";
import type { Principal } from "./types";

type Session = {
  principal: Principal | null;
  loading: boolean;
  login: (username: string, password: string) => Promise<Principal>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

/** Who is signed in (cookie session), with the CSRF token kept for the API client. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const res = await api.GET("/api/auth/me");
      if (res.response.status === 401) return null;
      const data = unwrap(res);
      setCsrfToken(data.csrfToken);
      return data;
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const value = useMemo<Session>(
    () => ({
      principal: me.data?.principal ?? null,
      loading: me.isLoading,
      async login(username, password) {
        const data = unwrap(await api.POST("/api/auth/login", { body: { username, password } }));
        setCsrfToken(data.csrfToken);
        qc.setQueryData(["me"], data);
        return data.principal;
      },
      async logout() {
        await api.POST("/api/auth/logout").catch(() => undefined);
        setCsrfToken(null);
        qc.clear();
        qc.setQueryData(["me"], null);
      },
    }),
    [me.data, me.isLoading, qc],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

export const isAuthError = (e: unknown) => e instanceof ApiError && (e.status === 401 || e.status === 403);
