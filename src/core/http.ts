import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { Principal } from "./access.js";
import { type Resolved, resolveToken } from "./auth.js";
import type { Db } from "./db.js";
import { AppError, codeOfStatus } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
    csrfToken?: string | null;
    authToken?: string;
  }
}

export const SESSION_COOKIE = "tingwu_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// A few seconds of memory per token keeps the hot path (call-next, SSE) off the sessions table;
// logout, device revocation and a change to a user clear this instance's entries at once, others within CACHE_MS.
const CACHE_MS = 5_000;

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  const cache = new Map<string, { at: number; value: Resolved | null }>();
  app.decorate("forgetToken", (token: string) => cache.delete(token));
  // Revocation and deactivation know the device or user, not its tokens.
  app.decorate("forgetPrincipal", (id: string) => {
    for (const [token, hit] of cache) if (hit.value?.principal.id === id) cache.delete(token);
  });

  app.addHook("onRequest", async (req) => {
    const token = tokenOf(req);
    if (!token) return;
    let hit = cache.get(token);
    if (!hit || Date.now() - hit.at > CACHE_MS) {
      hit = { at: Date.now(), value: await resolveToken(opts.db, token) };
      if (cache.size > 10_000) cache.clear();
      cache.set(token, hit);
    }
    if (!hit.value) {
      // A stale cookie is simply no session; a bad bearer or device token is an error worth saying to an
      // API client. A page of the web app opened with a revoked ?device= link still loads, and says so itself.
      const apiCall = req.url.startsWith("/api/");
      if (apiCall && (req.headers.authorization || (req.query as Record<string, unknown>)?.device)) {
        throw new AppError("unauthenticated", "The token is unknown, expired or revoked");
      }
      return;
    }
    req.principal = hit.value.principal;
    req.csrfToken = hit.value.csrfToken;
    req.authToken = token;
    // Cookie sessions must echo their CSRF token on every change (double submit against the session).
    if (
      hit.value.csrfToken &&
      !SAFE_METHODS.has(req.method) &&
      req.headers["x-csrf-token"] !== hit.value.csrfToken
    ) {
      throw new AppError("csrf_failed", "Missing or wrong X-CSRF-Token header");
    }
  });
});

declare module "fastify" {
  interface FastifyInstance {
    forgetToken(token: string): void;
    forgetPrincipal(id: string): void;
  }
}

function tokenOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  // EventSource and a device link (?device=…) cannot set headers; only reads may use the query token,
  // and only a device's: an address ends up in access logs, browser history and Referer headers, and a
  // person's session there would be theirs to whoever reads them.
  const q = req.query as Record<string, unknown> | undefined;
  if (typeof q?.device === "string" && SAFE_METHODS.has(req.method)) {
    if (q.device.startsWith("dev_")) return q.device;
    if (req.url.startsWith("/api/")) {
      throw new AppError("unauthenticated", "?device= takes a device token only; send a session as a header");
    }
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie || undefined;
}

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function sendError(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type("application/json").send(body);
}

/** One error shape for everything; 5xx details stay in the log with the request id. */
export function errorHandler(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendError(reply, error.status, {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? ""}${v.instancePath}`,
      message: v.message,
    }));
    const first = issues[0];
    return sendError(reply, 400, {
      error: {
        code: "invalid_input",
        message: `${first.path || "request"}: ${first.message}`,
        details: issues,
      },
    });
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (isResponseSerializationError(error)) req.log.error({ err: error }, "response did not match its schema");
  else if (e.statusCode === 429) {
    return sendError(reply, 429, {
      error: { code: "rate_limited", message: "Too many requests; try again shortly" },
    });
  } else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own 4xx: bad JSON (400), body too large (413), wrong content type (415).
    return sendError(reply, e.statusCode, {
      error: { code: codeOfStatus(e.statusCode), message: e.message || "Bad request" },
    });
  } else req.log.error({ err: error }, "unhandled error");
  return sendError(reply, 500, {
    error: { code: "internal", message: `Internal error (request ${req.id})` },
  });
}
