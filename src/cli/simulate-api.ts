// The simulator's HTTP client: plain fetch (keep-alive by default in Node), bearer token, and the one
// error shape of the API turned into an exception that keeps the status and code.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The fields of a ticket (see src/features/queue/contract.ts) the simulator reads. */
export type Ticket = {
  id: string;
  number: string;
  businessType: string;
  status: string;
  counterId: string | null;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  waitBreached: boolean;
  handlingBreached: boolean;
};

export type Counter = {
  id: string;
  number: number;
  label: string;
  status: "open" | "closed";
  active: boolean;
  businessTypes: string[];
};

export type BusinessType = {
  code: string;
  active: boolean;
  handlingLimitSeconds: number;
  waitLimitSeconds: number;
  forbiddenHallTypes: string[];
};

export type Api = ReturnType<typeof apiClient>;

export function apiClient(base: string) {
  let token: string | undefined;
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    // No content-type without a body: Fastify refuses an empty body declared as JSON.
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    if (res.status >= 400) {
      const e = parsed?.error ?? {};
      const code = e.code ?? "http_error";
      throw new ApiError(res.status, code, `${method} ${path} → ${res.status} ${code}: ${e.message ?? text}`);
    }
    return { status: res.status, body: parsed as T };
  }
  return {
    call,
    get: async <T>(path: string) => (await call<T>("GET", path)).body,
    post: async <T>(path: string, body?: unknown) => (await call<T>("POST", path, body)).body,
    /** Signs in with a bearer token given, or gets one for a username and password. */
    async signIn(auth: { token?: string; username: string; password: string }) {
      token =
        auth.token ??
        (
          await this.post<{ token: string }>("/api/auth/token", {
            username: auth.username,
            password: auth.password,
          })
        ).token;
    },
  };
}
