import { and, asc, eq, isNull } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { getCounter, getHall } from "../features/halls/data.js";
import { authorize, coversHall, roleScope, roles } from "./access.js";
import { createDevice, hashPassword } from "./auth.js";
import { type AppContext, errors, typed } from "./context.js";
import { isUniqueViolation } from "./db.js";
import { AppError, notFound } from "./errors.js";
import { devices, users } from "./tables.js";

const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  hallId: z.uuid().nullable(),
  regionCode: z.string().nullable(),
  active: z.boolean(),
});
const createUserBody = z.object({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,40}$/, "3–40 letters, digits, _ . -"),
  displayName: z.string().trim().min(1).max(60),
  password: z.string().min(8).max(200),
  role: z.enum(roles),
  hallId: z.uuid().nullable().optional(),
  regionCode: z.string().nullable().optional(),
});
const updateUserBody = createUserBody
  .omit({ username: true })
  .partial()
  .extend({ active: z.boolean().optional() });
const deviceSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  counterId: z.uuid().nullable(),
  kind: z.enum(["kiosk", "display", "pad"]),
  label: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
const presentDevice = (d: typeof devices.$inferSelect) => ({
  ...d,
  revokedAt: d.revokedAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});
const presentUser = ({ passwordHash: _, createdAt: __, ...u }: typeof users.$inferSelect) =>
  u as z.infer<typeof userSchema>;

export async function adminRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  // R-ROLE: a role's scope decides which of hallId / regionCode it needs.
  async function checkScope(
    role: (typeof roles)[number],
    hallId?: string | null,
    regionCode?: string | null,
  ) {
    const scope = roleScope[role];
    if (scope === "hall" && !hallId) throw new AppError("invalid_input", `Role ${role} needs a hallId`);
    if (scope === "region" && !regionCode)
      throw new AppError("invalid_input", `Role ${role} needs a regionCode`);
    if (hallId) await getHall(db, hallId);
  }

  app.get(
    "/api/users",
    { schema: { tags: ["admin"], response: { 200: z.array(userSchema), ...errors(401, 403) } } },
    async (req) => {
      authorize(req.principal, "user.admin");
      return (await db.select().from(users).orderBy(asc(users.username))).map(presentUser);
    },
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags: ["admin"],
        body: createUserBody,
        response: { 201: userSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      authorize(req.principal, "user.admin");
      const { password, ...rest } = req.body;
      await checkScope(rest.role, rest.hallId, rest.regionCode);
      try {
        const [u] = await db
          .insert(users)
          .values({ ...rest, passwordHash: await hashPassword(password) })
          .returning();
        return reply.status(201).send(presentUser(u));
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError("conflict", `Username ${rest.username} is taken`);
        throw err;
      }
    },
  );

  app.patch(
    "/api/users/:userId",
    {
      schema: {
        tags: ["admin"],
        params: z.object({ userId: z.uuid() }),
        body: updateUserBody,
        response: { 200: userSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      authorize(req.principal, "user.admin");
      const [current] = await db.select().from(users).where(eq(users.id, req.params.userId));
      if (!current) throw notFound("User");
      const { password, ...rest } = req.body;
      const merged = { ...current, ...rest };
      await checkScope(merged.role as (typeof roles)[number], merged.hallId, merged.regionCode);
      const [u] = await db
        .update(users)
        .set({ ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) })
        .where(eq(users.id, current.id))
        .returning();
      fastify.forgetPrincipal(u.id); // a deactivated or re-scoped user's open sessions see it at once
      return presentUser(u);
    },
  );

  const hallParams = z.object({ hallId: z.uuid() });

  app.get(
    "/api/halls/:hallId/devices",
    {
      schema: {
        tags: ["admin"],
        params: hallParams,
        response: { 200: z.array(deviceSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "device.admin", hall);
      const rows = await db
        .select()
        .from(devices)
        .where(eq(devices.hallId, hall.id))
        .orderBy(asc(devices.createdAt));
      return rows.map(presentDevice);
    },
  );

  app.post(
    "/api/halls/:hallId/devices",
    {
      schema: {
        tags: ["admin"],
        summary: "Issue a device token (kiosk 取号机, display 叫号屏, pad 评价器); shown once",
        params: hallParams,
        body: z.object({
          kind: z.enum(["kiosk", "display", "pad"]),
          label: z.string().trim().min(1).max(60),
          counterId: z.uuid().optional(),
        }),
        response: { 201: deviceSchema.extend({ token: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "device.admin", hall);
      if (req.body.kind === "pad" && !req.body.counterId)
        throw new AppError("invalid_input", "An evaluation pad belongs to a counter");
      if (req.body.counterId) await getCounter(db, hall.id, req.body.counterId);
      const { device, token } = await createDevice(db, { hallId: hall.id, ...req.body });
      return reply.status(201).send({ ...presentDevice(device), token });
    },
  );

  app.post(
    "/api/halls/:hallId/devices/:deviceId/revoke",
    {
      schema: {
        tags: ["admin"],
        params: z.object({ hallId: z.uuid(), deviceId: z.uuid() }),
        response: { 200: deviceSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "device.admin", hall);
      if (!coversHall(p, hall)) throw notFound("Device");
      const [d] = await db
        .update(devices)
        .set({ revokedAt: new Date() })
        .where(
          and(eq(devices.id, req.params.deviceId), eq(devices.hallId, hall.id), isNull(devices.revokedAt)),
        )
        .returning();
      if (!d) {
        // Unknown here (or another hall's) is 404; only a device of this hall already revoked is a 409.
        const [known] = await db
          .select({ id: devices.id })
          .from(devices)
          .where(and(eq(devices.id, req.params.deviceId), eq(devices.hallId, hall.id)));
        if (!known) throw notFound("Device");
        throw new AppError("illegal_state", "The device is already revoked", { state: "revoked" });
      }
      fastify.forgetPrincipal(d.id);
      return presentDevice(d);
    },
  );
}
