import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { ApiError, api, setCsrfToken, unwrap } from "./client";
import type { Capability, Me, Principal, RoleScope } from "./types";

/** The session's copy of GET /api/auth/me: the capabilities ride with the principal. */
type SessionMe = Omit<Me, "principal"> & { principal: Principal };
const keep = (data: Me): SessionMe => ({
  ...data,
  principal: { ...data.principal, capabilities: data.capabilities },
});

/** Whether the principal may do this (the server's capabilities; it checks every request itself too). */
export const may = (principal: Principal | null | undefined, capability: Capability): boolean =>
  // A sign-in remembered from before capabilities were sent has none: it is offered nothing.
  principal?.capabilities?.includes(capability) ?? false;

type Session = {
  principal: Principal | null;
  /** Each role with its scope, for forms that give a user a role. */
  roles: RoleScope[];
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
      return keep(data);
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const value = useMemo<Session>(
    () => ({
      principal: me.data?.principal ?? null,
      roles: me.data?.roles ?? [],
      loading: me.isLoading,
      async login(username, password) {
        const data = keep(unwrap(await api.POST("/api/auth/login", { body: { username, password } })));
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
