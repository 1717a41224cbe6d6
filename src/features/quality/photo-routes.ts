import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { authorize, coversHall, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, forbidden } from "../../core/errors.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { findPhoto, listAssignments } from "./data/inspections.js";
import { inspectionReach } from "./inspection-access.js";
import { photoParams, photoSchema } from "./inspection-contract.js";
import { storePhoto } from "./mutations/inspections.js";

const tags = ["quality"];
const MAX_PHOTO = 4 * 1024 * 1024;

/** The image type a photo's first bytes show (JPEG, PNG, WebP), or null: the declared type is not trusted. */
function imageType(b: Buffer): string | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (b.length > 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP")
    return "image/webp";
  return null;
}

// R-MYSTERY evidence: photos taken during an inspection, kept by the server per hall.
export async function photoRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const { mayRead } = inspectionReach(db);
  // Only these routes take multipart bodies (encapsulated: the rest of the API stays JSON only).
  await fastify.register(multipart, { limits: { fileSize: MAX_PHOTO, files: 1, fields: 2, parts: 3 } });

  app.post(
    "/api/halls/:hallId/inspection-photos",
    {
      schema: {
        tags,
        summary: "Upload a photo for an inspection of this hall (multipart field `file`; JPEG, PNG or WebP)",
        consumes: ["multipart/form-data"],
        params: hallIdParams,
        response: { 201: photoSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.inspect");
      const hall = await getHall(db, req.params.hallId);
      if (!coversHall(p, hall)) throw forbidden("This hall is outside your scope");
      if (p.kind === "user" && p.role === "inspector") {
        const open = await listAssignments(db, { inspectorId: p.id, hallId: hall.id, status: "planned" });
        if (!open.length) throw forbidden("This hall has no inspection assigned to you");
      }
      if (!req.isMultipart())
        throw new AppError("unsupported_media_type", "Send the photo as multipart/form-data, field `file`");
      const part = await req.file();
      if (part?.fieldname !== "file") throw new AppError("invalid_input", "No photo in the field `file`");
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch {
        throw new AppError("payload_too_large", `The photo is larger than ${MAX_PHOTO / 1024 / 1024} MB`);
      }
      const contentType = imageType(bytes);
      if (!contentType) throw new AppError("invalid_input", "The file is not a JPEG, PNG or WebP image");
      return reply
        .status(201)
        .send(await storePhoto(db, { hallId: hall.id, uploadedBy: userOf(p), contentType, bytes }));
    },
  );

  app.get(
    "/api/halls/:hallId/inspection-photos/:id",
    { schema: { tags, summary: "An inspection photo", params: photoParams } },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.inspections");
      const hall = await getHall(db, req.params.hallId);
      if (!(await mayRead(p, hall))) throw forbidden("This hall's inspections are outside your scope");
      const photo = await findPhoto(db, hall.id, req.params.id);
      return reply.type(photo.contentType).header("cache-control", "private, max-age=3600").send(photo.bytes);
    },
  );
}
