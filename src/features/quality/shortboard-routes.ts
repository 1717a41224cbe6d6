import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, type Principal, referenced, requirePrincipal, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { AppError, forbidden, illegalState } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import { getHall } from "../halls/data.js";
import { findActiveUser, staffNames } from "../users/data.js";
import { findPlan, listPlans, type PlanRow } from "./data/plans.js";
import { surveyPeriodsOf } from "./data/surveys.js";
import { scopeFigures } from "./figures.js";
import { createPlan, updatePlan } from "./mutations/plans.js";
import { quarterOf } from "./pulse-rules.js";
import { checkScope, ownScope } from "./scope.js";
import {
  defaultTarget,
  figureOf,
  nextPeriod,
  planSteps,
  SHORTBOARD_SOURCES,
  shortBoards,
  stepsOfChange,
} from "./shortboard-rules.js";

const tags = ["quality"];
const period = z.string().regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, "2026-Q3 or 2026-08");
const source = z.enum(SHORTBOARD_SOURCES);
const action = z.object({
  text: z.string().trim().min(1).max(300),
  dueDate: isoDay(),
  done: z.boolean().default(false),
});
const planSchema = z.object({
  id: z.uuid(),
  scope: z.string(),
  period: z.string(),
  source,
  code: z.string(),
  carrier: z.string().nullable(),
  baseline: z.number(),
  target: z.number(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  dueDate: z.string(),
  actions: z.array(action),
  status: z.enum(["open", "done", "cancelled"]),
  /** The same item's figure the period after, once there is one; recovered when it reaches the target. */
  next: z.object({ period: z.string(), value: z.number().nullable() }),
  recovered: z.boolean().nullable(),
  allowedActions: z
    .array(z.enum(["progress", "close", "cancel", "reopen"]))
    .describe("What the caller may do with the plan now (the server's rule; the screen shows these)"),
});

// R-SHORTBOARD: the weakest items of a scope's period, and the improvement plans that follow them up.
export async function shortBoardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  async function present(rows: PlanRow[], p: Principal) {
    const who = { id: userOf(p), mayPlan: can(p, "quality.plan") };
    const names = await staffNames(
      db,
      rows.map((r) => r.ownerId),
    );
    const figures = new Map<string, Awaited<ReturnType<typeof scopeFigures>>>();
    const out = [];
    for (const r of rows) {
      const next = nextPeriod(r.period);
      const key = `${r.scope}|${next}`;
      if (!figures.has(key)) figures.set(key, await scopeFigures(db, r.scope, next, tz));
      const f = figures.get(key)!;
      const value = figureOf(r, f.kpi, f.inspectionMeans);
      out.push({
        ...r,
        ownerName: names.get(r.ownerId) ?? "",
        next: { period: next, value },
        recovered: value === null ? null : value >= r.target,
        allowedActions: planSteps(r, who),
      });
    }
    return out;
  }

  app.get(
    "/api/quality/short-boards",
    {
      schema: {
        tags,
        summary:
          "A scope's short boards (短板) of a period: lowest factors, items, inspection items, competitor gaps",
        querystring: z.object({ scope: z.string().max(80).optional(), period: period.optional() }),
        response: {
          200: z.object({
            scope: z.string(),
            period: z.string(),
            items: z.array(
              z.object({
                source,
                code: z.string(),
                label: z.string(),
                value: z.number(),
                carrier: z.string().nullable(),
                reference: z.number().nullable(),
                planId: z.uuid().nullable(),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.kpi");
      const scope = req.query.scope ?? ownScope(p);
      await checkScope(db, p, scope);
      const q =
        req.query.period ??
        (await surveyPeriodsOf(db, scope))[0] ??
        quarterOf(localParts(new Date(), tz).date);
      const [f, plans] = await Promise.all([scopeFigures(db, scope, q, tz), listPlans(db, scope, q)]);
      return {
        scope,
        period: q,
        items: shortBoards(f.kpi, f.inspectionMeans, f.settings.flags).map((b) => ({
          ...b,
          label: b.source === "inspection_item" ? f.itemLabel(b.code) : b.code,
          carrier: b.carrier ?? null,
          reference: b.reference ?? null,
          planId:
            plans.find(
              (x) =>
                x.source === b.source && x.code === b.code && (x.carrier ?? null) === (b.carrier ?? null),
            )?.id ?? null,
        })),
      };
    },
  );

  app.get(
    "/api/quality/improvement-plans",
    {
      schema: {
        tags,
        summary: "A scope's improvement plans, with each item's figure the period after",
        querystring: z.object({ scope: z.string().max(80).optional() }),
        response: { 200: z.array(planSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.kpi");
      const scope = req.query.scope ?? ownScope(p);
      await checkScope(db, p, scope);
      return present(await listPlans(db, scope), p);
    },
  );

  app.post(
    "/api/quality/improvement-plans",
    {
      schema: {
        tags,
        summary: "Plan the improvement of a short board: owner, actions with dates, a target for next period",
        description:
          "The baseline is the item's figure in the period, read by the server. The target defaults to 5 points up (for a competitor item: clear of the red rule's lead).",
        body: z.object({
          scope: z.string().max(80),
          period,
          source,
          code: z.string().min(1).max(40),
          carrier: z.string().max(40).optional(),
          ownerId: z.uuid(),
          dueDate: isoDay(),
          target: z.number().min(-100).max(100).optional(),
          actions: z.array(action).min(1).max(20),
        }),
        response: { 201: planSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.plan");
      const b = req.body;
      await checkScope(db, p, b.scope);
      const hall = b.scope.startsWith("hall:") ? await getHall(db, b.scope.slice(5)) : null;
      const regionCode = hall?.regionCode ?? (b.scope.startsWith("region:") ? b.scope.slice(7) : "");
      const owner = await referenced(
        "Owner",
        () => findActiveUser(db, b.ownerId),
        (u) =>
          hall
            ? u.hallId === hall.id || u.regionCode === regionCode
            : !regionCode || u.regionCode === regionCode,
      );
      const f = await scopeFigures(db, b.scope, b.period, tz);
      const baseline = figureOf(
        { source: b.source, code: b.code, carrier: b.carrier },
        f.kpi,
        f.inspectionMeans,
      );
      if (baseline === null)
        throw new AppError("invalid_input", "code: this item has no figure in this scope and period", {
          field: "code",
        });
      const row = await createPlan(db, {
        regionCode,
        scope: b.scope,
        period: b.period,
        source: b.source,
        code: b.code,
        carrier: b.carrier ?? null,
        baseline,
        target: b.target ?? defaultTarget(b.source, baseline, f.settings.flags),
        ownerId: owner.id,
        dueDate: b.dueDate,
        actions: b.actions,
        createdBy: userOf(p),
      });
      return reply.status(201).send((await present([row], p))[0]);
    },
  );

  app.patch(
    "/api/quality/improvement-plans/:id",
    {
      schema: {
        tags,
        summary: "Progress on a plan: actions done, or the plan closed or cancelled (its owner or managers)",
        params: idParams,
        // An empty change is refused by the one PATCH rule (core/input.ts), naming the fields.
        body: z.object({
          actions: z.array(action).min(1).max(20).optional(),
          status: z.enum(["open", "done", "cancelled"]).optional(),
        }),
        response: { 200: planSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req.principal);
      // Any person may own a plan; a device never does.
      if (p.kind === "device") throw forbidden();
      const plan = await findPlan(db, req.params.id);
      const isOwner = p.kind === "user" && p.id === plan.ownerId;
      if (!isOwner) {
        authorize(p, "quality.plan");
        await checkScope(db, p, plan.scope);
      }
      // Each step the change takes, by the one rule: not in this state at all is a 409, not for this
      // person a 403.
      const mine = planSteps(plan, { id: userOf(p), mayPlan: can(p, "quality.plan") });
      const anyone = planSteps(plan, { id: plan.ownerId, mayPlan: true });
      for (const step of stepsOfChange(plan.status, req.body)) {
        if (!anyone.includes(step)) throw illegalState("plan", plan.status, step);
        if (!mine.includes(step))
          throw forbidden(step === "cancel" ? "Only a manager cancels a plan" : undefined);
      }
      const row = await updatePlan(db, plan, req.body);
      return (await present([row], p))[0];
    },
  );
}
