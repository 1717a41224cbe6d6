import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

// One client for the whole app. A device screen (kiosk, display, pad) sends its token as a bearer;
// a signed-in person sends the session cookie and echoes the CSRF token on every change.
let deviceToken: string | null = null;
let csrfToken: string | null = null;

export const setDeviceToken = (token: string | null) => {
  deviceToken = token;
};
export const getDeviceToken = () => deviceToken;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const auth: Middleware = {
  onRequest({ request }) {
    if (deviceToken) request.headers.set("Authorization", `Bearer ${deviceToken}`);
    else if (csrfToken && request.method !== "GET") request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(auth);

/**
 * A record's actions (POST /api/<records>/{id}/<action>), posted by name: a desk shows the actions the
 * server allows (`allowedActions`) and posts the chosen one. Each is one generated path, but their union
 * is too wide for openapi-fetch to check one body against; this client types them as one shape instead,
 * and sends the same session headers.
 */
type ActionPaths = {
  [path: `/api/${string}/{id}/${string}`]: {
    post: {
      parameters: { path: { id: string } };
      requestBody?: { content: { "application/json": object } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
};
export const actions = createClient<ActionPaths>({ baseUrl: "", credentials: "same-origin" });
actions.use(auth);

/**
 * A new Idempotency-Key: random, and made with getRandomValues, which works on plain http too (a kiosk on
 * the hall's network; crypto.randomUUID needs a secure context).
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `k-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The middleware that sends one intent's key with a request: the server runs a POST once per key and
 * answers a repeat (a double tap, a retry after a lost answer) with the first answer. Pass it per
 * request — `api.POST(path, { body, middleware: [idempotent(key)] })` — with a key made per intent
 * (useIdempotencyKey), never per request: two requests of one intent must carry the same key.
 */
export const idempotent = (key: string): Middleware => ({
  onRequest({ request }) {
    request.headers.set("Idempotency-Key", key);
    return request;
  },
});

export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

/** An API error with its code, so screens can say something useful (hall_closed, business_not_allowed_here …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Returns the data of an openapi-fetch result or throws an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const body = result.error as Partial<ApiErrorBody> | undefined;
    throw new ApiError(
      result.response.status,
      body?.error?.code ?? "http_error",
      body?.error?.message ?? `HTTP ${result.response.status}`,
      body?.error?.details,
    );
  }
  return result.data as T;
}

/** For routes the server documents without a response schema (the queue view, breaches). */
export function unwrapAs<T>(result: { data?: unknown; error?: unknown; response: Response }): T {
  return unwrap(result) as T;
}

/**
 * Posts a file as multipart/form-data (a survey import): openapi-fetch sends JSON bodies only. The same
 * session headers as the client; the answer, or the one error shape as an ApiError.
 */
export async function postFile<T>(url: string, file: File, field = "file"): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  const headers = new Headers();
  if (deviceToken) headers.set("Authorization", `Bearer ${deviceToken}`);
  else if (csrfToken) headers.set("X-CSRF-Token", csrfToken);
  const response = await fetch(url, { method: "POST", body: form, headers, credentials: "same-origin" });
  const body: unknown = await response.json().catch(() => undefined);
  return unwrap<T>({
    data: response.ok ? (body as T) : undefined,
    error: response.ok ? undefined : body,
    response,
  });
}
