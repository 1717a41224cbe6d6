import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Role, requirePrincipal } from "../../core/access.js";
import { recordAudit } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, forbidden } from "../../core/errors.js";
import { SESSION_COOKIE } from "../../core/http.js";
import { credentials, meSchema } from "./contract.js";
import { credentialEnded } from "./credentials.js";
import { checkCredentials } from "./data.js";
import { meOf } from "./me.js";
import {
  claimSignIn,
  createSession,
  deleteSession,
  endSessionsOf,
  signInSucceeded,
  updateUser,
} from "./mutations.js";
import { MIN_PASSWORD_LENGTH } from "./password-rules.js";
import { checkNewPassword } from "./passwords.js";

const tags = ["auth"];

export async function authRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  // A burst limit in this instance's memory, before any password is hashed: one limiter (one store) for
  // every route that checks a password, so a guesser does not get twice the tries. It runs as a
  // preHandler, after the body is parsed, keyed by address and username: one user's mistakes do not lock
  // out a whole hall behind one address. The lasting limit is the lockout below, in the database.
  const signInLimit = fastify.rateLimit({
    max: ctx.limits.loginPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) =>
      `${req.ip}:${(req.body as { username?: string } | undefined)?.username ?? (req.principal?.kind === "user" ? req.principal.username : "")}`,
  });

  /**
   * Checks a password under the lockout (sign-in-rules.ts): a locked username or address is refused before
   * its password is looked at, a right password included; an unknown username is counted like a known one.
   */
  async function signIn(req: FastifyRequest, reply: FastifyReply, username: string, password: string) {
    const keys = { username, address: req.ip };
    const claim = await claimSignIn(db, keys);
    if (!claim.ok) {
      reply.header("retry-after", String(claim.retryAfterSeconds));
      const details = { retryAfterSeconds: claim.retryAfterSeconds };
      if (claim.key === "username")
        throw new AppError(
          "account_locked",
          `Too many failed sign-ins for this account; try again in ${claim.retryAfterSeconds} s`,
          details,
        );
      throw new AppError(
        "rate_limited",
        `Too many failed sign-ins from this address; try again in ${claim.retryAfterSeconds} s`,
        details,
      );
    }
    const user = await checkCredentials(db, username, password);
    if (user) {
      await signInSucceeded(db, keys, claim.locking);
      return user;
    }
    for (const lock of claim.locking) {
      req.log.warn({ key: lock.key, subject: keys[lock.key], lockedSeconds: lock.seconds }, "sign-in locked");
      await recordAudit(db, {
        actorId: null,
        action: "sign_in_locked",
        subjectType: `sign_in_${lock.key}`,
        subjectId: keys[lock.key],
      });
    }
    throw new AppError("invalid_credentials", "Wrong username or password");
  }

  app.post(
    "/api/auth/login",
    {
      config: { public: true },
      preHandler: signInLimit,
      schema: {
        tags,
        summary: "Sign in (browser, cookie session)",
        body: credentials,
        description:
          "Five wrong passwords for a username within 15 minutes, or twenty from one address, lock it: 1 minute, then twice as long each time up to an hour. A locked sign-in is answered 429 (account_locked or rate_limited) with Retry-After and details.retryAfterSeconds, even with the right password.",
        response: { 200: meSchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const user = await signIn(req, reply, req.body.username, req.body.password);
      const s = await createSession(db, user.id, "cookie", env.TINGWU_SESSION_HOURS);
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: "auto",
        expires: s.expiresAt,
      });
      return meOf(
        {
          kind: "user",
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role as Role,
          hallId: user.hallId,
          regionCode: user.regionCode,
        },
        s.csrfToken,
      );
    },
  );

  app.post(
    "/api/auth/token",
    {
      config: { public: true },
      preHandler: signInLimit,
      schema: {
        tags,
        summary: "Get a bearer token (API clients)",
        description: "The same lockout as /api/auth/login, counted together with it.",
        body: credentials,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string() }), ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const user = await signIn(req, reply, req.body.username, req.body.password);
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
        credentialEnded(fastify, ctx.hub, { token: req.authToken });
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/password",
    {
      preHandler: signInLimit,
      schema: {
        tags,
        summary: "Change your own password",
        description:
          "Keeps the session or token in use and ends all others (sessions, bearer tokens and their live streams). The current password counts against the sign-in lockout.",
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(200),
        }),
        response: { 204: z.null(), ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req.principal);
      if (p.kind !== "user") throw forbidden("A device has no password");
      const { currentPassword, newPassword } = req.body;
      checkNewPassword(newPassword, p.username);
      if (newPassword === currentPassword)
        throw new AppError("weak_password", "The new password is the current one", { rule: "unchanged" });
      // A wrong current password is a failed sign-in (it counts), but not a 401: the session is still good.
      const user = await signIn(req, reply, p.username, currentPassword).catch((e: unknown) => {
        if (e instanceof AppError && e.code === "invalid_credentials")
          throw new AppError("invalid_input", "The current password is wrong", { field: "currentPassword" });
        throw e;
      });
      await updateUser(db, user.id, { password: newPassword });
      await endSessionsOf(db, user.id, req.authToken);
      credentialEnded(fastify, ctx.hub, { principalId: user.id, exceptToken: req.authToken });
      req.log.info({ userId: user.id }, "password changed; other sessions ended");
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: { tags, summary: "Who am I (and my CSRF token)", response: { 200: meSchema, ...errors(401) } },
    },
    async (req) => meOf(requirePrincipal(req.principal), req.csrfToken ?? null),
  );
}
