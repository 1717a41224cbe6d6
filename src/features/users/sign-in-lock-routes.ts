import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { recordAudit } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { notFound } from "../../core/errors.js";
import { lockSchema } from "./contract.js";
import { listSignInLocks, type SignInLock } from "./data.js";
import { liftSignInLock } from "./mutations.js";
import { secondsUntil } from "./sign-in-rules.js";

const tags = ["admin"];

const presentLock = (l: SignInLock, now: Date) => ({
  id: l.id,
  kind: l.kind,
  subject: l.subject,
  lockedUntil: l.lockedUntil!.toISOString(),
  retryAfterSeconds: secondsUntil(l.lockedUntil!, now),
  lockouts: l.lockouts,
});

/** The operator admin sees the sign-in locks in force and may lift one (a person who forgot, a hall's NAT). */
export async function signInLockRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  app.get(
    "/api/sign-in-locks",
    {
      schema: {
        tags,
        summary: "Sign-in locks in force (usernames and addresses with too many failed sign-ins)",
        response: { 200: z.array(lockSchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "user.admin");
      const now = new Date();
      return (await listSignInLocks(db, now)).map((l) => presentLock(l, now));
    },
  );

  app.post(
    "/api/sign-in-locks/:lockId/lift",
    {
      schema: {
        tags,
        summary: "Lift a sign-in lock and forget its failures (logged in the audit log)",
        params: z.object({ lockId: z.uuid() }),
        response: { 204: z.null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "user.admin");
      const lifted = await liftSignInLock(db, req.params.lockId);
      if (!lifted) throw notFound("Sign-in lock");
      req.log.warn({ key: lifted.kind, subject: lifted.subject, by: p.id }, "sign-in lock lifted");
      await recordAudit(db, {
        actorId: p.id,
        action: "sign_in_unlocked",
        subjectType: `sign_in_${lifted.kind}`,
        subjectId: lifted.subject,
      });
      return reply.status(204).send(null);
    },
  );
}
