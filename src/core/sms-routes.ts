import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AppContext, errors, typed } from "./context.js";
import { isoInstant } from "./dates.js";
import { AppError } from "./errors.js";
import { recordReceipt } from "./outbox.js";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./sms.js";

const receiptBody = z.object({
  id: z.string().max(80).describe("the delivery key Tingwu sent the message with"),
  status: z.enum(["delivered", "failed"]),
  at: isoInstant().optional(),
});

// The SMS gateway's delivery receipts (core/sms.ts): signed with the shared secret over the body as it came
// (the app's JSON parser keeps it). Registered only when the HTTP gateway is set.
export async function smsReceiptRoutes(
  fastify: FastifyInstance,
  { ctx, secret }: { ctx: AppContext; secret: string },
) {
  const app = typed(fastify);
  app.post(
    "/api/public/sms/receipts",
    {
      config: { public: true, rateLimit: { max: 6000, timeWindow: 60_000 } },
      schema: {
        tags: ["public"],
        summary: "An SMS gateway's delivery receipt (signed with the shared secret)",
        body: receiptBody,
        response: { 200: z.object({ recorded: z.boolean() }), ...errors(400, 401, 404, 429) },
      },
    },
    async (req) => {
      const raw = req.rawBody ?? "";
      const ts = req.headers[TIMESTAMP_HEADER];
      const sig = req.headers[SIGNATURE_HEADER];
      if (
        !verifySignature(
          secret,
          typeof ts === "string" ? ts : undefined,
          typeof sig === "string" ? sig : undefined,
          raw,
        )
      )
        throw new AppError("unauthenticated", "The receipt's signature does not match");
      const at = req.body.at ? new Date(req.body.at) : new Date();
      if (!(await recordReceipt(ctx.db, req.body.id, req.body.status, at)))
        throw new AppError("not_found", "No message has this delivery key");
      return { recorded: true };
    },
  );
}
