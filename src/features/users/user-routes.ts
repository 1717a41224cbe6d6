import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, type Role, roleScope } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { getHall } from "../halls/data.js";
import { createUserBody, type User, updateUserBody, userSchema } from "./contract.js";
import { credentialEnded } from "./credentials.js";
import { findUser, listUsers, type UserRow } from "./data.js";
import { createUser, endSessionsOf, updateUser } from "./mutations.js";
import { checkNewPassword } from "./passwords.js";

const tags = ["admin"];

const presentUser = ({ passwordHash: _, createdAt: __, ...u }: UserRow): User => ({
  ...u,
  role: u.role as Role,
});

/** The operator admin's staff accounts: list, create, change (role, scope, password, active). */
export async function userRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  // R-ROLE: a role's scope decides which of hallId / regionCode it needs.
  async function checkScope(role: Role, hallId?: string | null, regionCode?: string | null) {
    const scope = roleScope[role];
    if (scope === "hall" && !hallId) throw new AppError("invalid_input", `Role ${role} needs a hallId`);
    if (scope === "region" && !regionCode)
      throw new AppError("invalid_input", `Role ${role} needs a regionCode`);
    if (hallId) await getHall(db, hallId);
  }

  app.get(
    "/api/users",
    { schema: { tags, response: { 200: z.array(userSchema), ...errors(401, 403) } } },
    async (req) => {
      authorize(req.principal, "user.admin");
      return (await listUsers(db)).map(presentUser);
    },
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags,
        body: createUserBody,
        response: { 201: userSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      authorize(req.principal, "user.admin");
      checkNewPassword(req.body.password, req.body.username);
      await checkScope(req.body.role, req.body.hallId, req.body.regionCode);
      return reply.status(201).send(presentUser(await createUser(db, req.body)));
    },
  );

  app.patch(
    "/api/users/:userId",
    {
      schema: {
        tags,
        params: z.object({ userId: z.uuid() }),
        body: updateUserBody,
        response: { 200: userSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      authorize(req.principal, "user.admin");
      const current = await findUser(db, req.params.userId);
      if (!current) throw notFound("User");
      const { password, ...rest } = req.body;
      if (password) checkNewPassword(password, current.username);
      const merged = { ...current, ...rest };
      await checkScope(merged.role as Role, merged.hallId, merged.regionCode);
      // An empty change changes nothing (and an UPDATE with nothing to set is no statement at all).
      if (Object.keys(rest).length === 0 && !password) return presentUser(current);
      const u = await updateUser(db, current.id, req.body);
      // A new password or a deactivation ends every session and token (reactivating later revives none);
      // a new role or scope keeps them, but what was authorized under the old one (a live stream) ends.
      if (password || !u.active) await endSessionsOf(db, u.id);
      const rightsChanged =
        !!password ||
        u.active !== current.active ||
        u.role !== current.role ||
        u.hallId !== current.hallId ||
        u.regionCode !== current.regionCode;
      if (rightsChanged) credentialEnded(fastify, ctx.hub, { principalId: u.id });
      else fastify.forgetPrincipal(u.id);
      return presentUser(u);
    },
  );
}
