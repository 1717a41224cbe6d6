import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, coversHall } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { getCounter, getHall } from "../halls/data.js";
import { createDeviceBody, deviceSchema } from "./contract.js";
import { credentialEnded } from "./credentials.js";
import { type DeviceRow, hallHasDevice, listDevices } from "./data.js";
import { createDevice, revokeDevice } from "./mutations.js";

const tags = ["admin"];
const hallParams = z.object({ hallId: z.uuid() });

const presentDevice = ({ tokenHash: _, ...d }: DeviceRow) => ({
  ...d,
  revokedAt: d.revokedAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
});

/** A hall's device tokens: kiosks, calling displays and evaluation pads. */
export async function deviceRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  app.get(
    "/api/halls/:hallId/devices",
    {
      schema: {
        tags,
        params: hallParams,
        response: { 200: z.array(deviceSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "device.admin", hall);
      return (await listDevices(db, hall.id)).map(presentDevice);
    },
  );

  app.post(
    "/api/halls/:hallId/devices",
    {
      schema: {
        tags,
        summary: "Issue a device token (kiosk 取号机, display 叫号屏, pad 评价器); shown once",
        params: hallParams,
        body: createDeviceBody,
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
        tags,
        params: z.object({ hallId: z.uuid(), deviceId: z.uuid() }),
        response: { 200: deviceSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "device.admin", hall);
      if (!coversHall(p, hall)) throw notFound("Device");
      const d = await revokeDevice(db, hall.id, req.params.deviceId);
      if (!d) {
        // Unknown here (or another hall's) is 404; only a device of this hall already revoked is a 409.
        if (!(await hallHasDevice(db, hall.id, req.params.deviceId))) throw notFound("Device");
        throw new AppError("illegal_state", "The device is already revoked", { state: "revoked" });
      }
      credentialEnded(fastify, ctx.hub, { principalId: d.id });
      return presentDevice(d);
    },
  );
}
