import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

// What every request must be before a route sees it, checked once here for all routes: a caller is
// signed in unless the route is public, no text carries control characters or broken UTF-16, and a
// change (PATCH) changes something.

declare module "fastify" {
  interface FastifyContextConfig {
    /** Anyone may call it: sign-in, health, the docs, the customers' own routes. Every other /api route needs a principal. */
    public?: boolean;
  }
}

// Free text (a complaint's description, a visit's notes) may span lines; nothing else below 0x20 is text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const BODY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const URL_CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// No body of ours nests deeper than a few levels; a deeper one is refused before anything recurses into it.
const MAX_DEPTH = 32;

type Where = "body" | "querystring" | "params";

/** Why a string may not pass, or null when it may. */
function flaw(s: string, where: Where): string | null {
  if ((where === "body" ? BODY_CONTROL : URL_CONTROL).test(s)) {
    return where === "body"
      ? "control characters are not allowed (tab and line breaks are)"
      : "control characters are not allowed";
  }
  if (LONE_SURROGATE.test(s)) return "not valid Unicode text (a lone surrogate)";
  return null;
}

/** The first bad value in a parsed body, query or set of path parameters, as `[path, reason]`. */
export function findBadInput(value: unknown, where: Where): [string, string] | null {
  // Iterative, so a hostile nesting cannot overflow the stack.
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: where, depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const why = flaw(v, where);
      if (why) return [path, why];
      continue;
    }
    if (typeof v !== "object" || v === null || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_DEPTH) return [path, `nested more than ${MAX_DEPTH} levels deep`];
    for (const [key, child] of Object.entries(v)) {
      const at = `${path}/${key}`;
      const why = flaw(key, where);
      if (why) return [at, `field name: ${why}`];
      // JSON.parse makes "__proto__" an own key; refused outright, as Fastify's own JSON parser does.
      if (key === "__proto__") return [at, "__proto__ is not a field name"];
      if (key === "constructor" && typeof child === "object" && child !== null && "prototype" in child) {
        return [at, "constructor.prototype is not a field"];
      }
      stack.push({ v: child, path: at, depth: depth + 1 });
    }
  }
  return null;
}

const invalid = (path: string, message: string) =>
  new AppError("invalid_input", `${path}: ${message}`, [{ path, message }]);

/**
 * Sign-in before anything else: an anonymous caller of a route that is not public gets 401 before its
 * body is parsed or validated, so it learns nothing of the route's schema. Registered after the auth
 * plugin, whose onRequest hook finds the principal.
 */
export function requireSignIn(app: FastifyInstance) {
  app.addHook("onRequest", async (req) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith("/api/") || req.routeOptions.config.public || req.principal) return;
    throw new AppError("unauthenticated", "Sign in or present a token");
  });
}

/** Text in bodies, queries and paths is checked before the schemas see it (the schemas cannot say it). */
export function refuseBadText(app: FastifyInstance) {
  app.addHook("preValidation", async (req: FastifyRequest) => {
    for (const [where, value] of [
      ["params", req.params],
      ["querystring", req.query],
      ["body", req.body],
    ] as const) {
      const bad = findBadInput(value, where);
      if (bad) throw invalid(...bad);
    }
  });
}

/**
 * One rule for every PATCH: a change names at least one field it changes. `{}` — or a body whose every
 * field is unknown, and so dropped by the schema — is a 400, not an UPDATE with nothing to set.
 */
export function refuseEmptyPatch(app: FastifyInstance) {
  app.addHook("preHandler", async (req) => {
    if (req.method !== "PATCH" || typeof req.body !== "object" || req.body === null) return;
    if (Object.values(req.body).some((v) => v !== undefined)) return;
    const shape = (req.routeOptions.schema?.body as { shape?: Record<string, unknown> } | undefined)?.shape;
    const fields = shape ? Object.keys(shape) : [];
    throw new AppError(
      "invalid_input",
      `body: nothing to change${fields.length ? `; send at least one of ${fields.join(", ")}` : ""}`,
      [{ path: "body", message: "nothing to change" }],
    );
  });
}

/** Public routes are marked once, in their config; the OpenAPI document says so too (`security: []`). */
export function documentPublicRoutes(app: FastifyInstance) {
  app.addHook("onRoute", (route) => {
    if (route.config?.public && route.schema) route.schema = { ...route.schema, security: [] };
  });
}
