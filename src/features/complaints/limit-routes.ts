import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { listLimits, saveLimits } from "./data/limits.js";

// R-CMP-SLA limits are defaults: the operator sets its own ('*') and per category. A change applies to
// open complaints at their next change; their elapsed time is kept, as it comes from the history.
const limitsSchema = z.object({
  category: z.string(),
  firstReplyHours: z.number().int().min(1).max(720),
  progressHours: z.number().int().min(1).max(720),
  callbackWorkingDays: z.number().int().min(1).max(30),
  pausedStates: z.array(z.enum(["waiting_customer", "waiting_third_party"])),
  workingHoursOnly: z.boolean(),
});
const putBody = limitsSchema.omit({ category: true });

export async function complaintLimitRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  app.get(
    "/api/complaint-limits",
    {
      schema: {
        tags: ["complaints"],
        summary: "Complaint time limits, '*' and per category",
        response: { 200: z.array(limitsSchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "complaint.read");
      return (await listLimits(db)).map((r) => ({ ...r, pausedStates: [...r.pausedStates] }));
    },
  );
  app.put(
    "/api/complaint-limits/:category",
    {
      schema: {
        tags: ["complaints"],
        summary: "Set the time limits of a category ('*' for the operator's default)",
        params: z.object({ category: z.string().min(1).max(40) }),
        body: putBody,
        response: { 200: limitsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "calendar.admin");
      await saveLimits(db, req.params.category, req.body);
      return { category: req.params.category, ...req.body };
    },
  );
}
