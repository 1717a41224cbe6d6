import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requirePrincipal } from "./access.js";
import { checkCredentials, createSession, deleteSession } from "./auth.js";
import { type AppContext, errors, typed } from "./context.js";
import { AppError } from "./errors.js";
import { SESSION_COOKIE } from "./http.js";

const credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
const principalSchema = z.union([
  z.object({
    kind: z.literal("user"),
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    hallId: z.uuid().nullable(),
    regionCode: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("device"),
    id: z.uuid(),
    deviceKind: z.string(),
    hallId: z.uuid(),
    counterId: z.uuid().nullable(),
  }),
]);
const meSchema = z.object({ principal: principalSchema, csrfToken: z.string().nullable() });
const tags = ["auth"];

export async function authRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  // Keyed by address and username so one user's mistakes do not lock out a whole hall behind one NAT.
  // One limiter (one store) for both sign-in routes, so a guesser does not get twice the tries. It runs as a
  // preHandler, after the body is parsed, keyed by address and username: one user's mistakes do not lock
  // out a whole hall behind one address.
  const signInLimit = fastify.rateLimit({
    max: ctx.limits.loginPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `${req.ip}:${(req.body as { username?: string } | undefined)?.username ?? ""}`,
  });

  app.post(
    "/api/auth/login",
    {
      preHandler: signInLimit,
      schema: {
        tags,
        summary: "Sign in (browser, cookie session)",
        body: credentials,
        response: { 200: meSchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const user = await checkCredentials(db, req.body.username, req.body.password);
      if (!user) throw new AppError("invalid_credentials", "Wrong username or password");
      const s = await createSession(db, user.id, "cookie", env.TINGWU_SESSION_HOURS);
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: "auto",
        expires: s.expiresAt,
      });
      const { passwordHash: _, ...u } = user;
      return {
        principal: {
          kind: "user" as const,
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          hallId: u.hallId,
          regionCode: u.regionCode,
        },
        csrfToken: s.csrfToken,
      };
    },
  );

  app.post(
    "/api/auth/token",
    {
      preHandler: signInLimit,
      schema: {
        tags,
        summary: "Get a bearer token (API clients)",
        body: credentials,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string() }), ...errors(400, 401, 429) },
      },
    },
    async (req) => {
      const user = await checkCredentials(db, req.body.username, req.body.password);
      if (!user) throw new AppError("invalid_credentials", "Wrong username or password");
      const s = await createSession(db, user.id, "bearer", env.TINGWU_SESSION_HOURS);
      return { token: s.token, expiresAt: s.expiresAt.toISOString() };
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags, response: { 204: z.null(), ...errors(401) } } },
    async (req, reply) => {
      requirePrincipal(req.principal);
      if (req.authToken && !req.authToken.startsWith("dev_")) {
        await deleteSession(db, req.authToken);
        fastify.forgetToken(req.authToken);
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: { tags, summary: "Who am I (and my CSRF token)", response: { 200: meSchema, ...errors(401) } },
    },
    async (req) => ({ principal: requirePrincipal(req.principal), csrfToken: req.csrfToken ?? null }),
  );
}
