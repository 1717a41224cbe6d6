import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context.js";
import { auditRoutes } from "./audit-routes.js";
import { authRoutes } from "./auth-routes.js";
import { deviceRoutes } from "./device-routes.js";
import { signInLockRoutes } from "./sign-in-lock-routes.js";
import { userRoutes } from "./user-routes.js";

/** Sign-in and one's own password; the operator admin's people, sign-in locks and hall devices. */
export async function usersRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  await fastify.register(authRoutes, { ctx });
  await fastify.register(userRoutes, { ctx });
  await fastify.register(signInLockRoutes, { ctx });
  await fastify.register(deviceRoutes, { ctx });
  await fastify.register(auditRoutes, { ctx });
}
