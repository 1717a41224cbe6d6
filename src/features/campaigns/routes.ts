import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, type Principal, referenced, roleScope, userOf } from "../../core/access.js";
import { addDays } from "../../core/calendar.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { forbidden, notFound } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { checkCodes, getHall, listHalls } from "../halls/data.js";
import { offerTallies } from "../queue/data/offers.js";
import { staffNames } from "../users/data.js";
import {
  type Campaign,
  type CampaignInput,
  campaignBody,
  campaignListQuery,
  campaignPatch,
  campaignReportSchema,
  campaignSchema,
  talkingPointsSchema,
} from "./contract.js";
import { type CampaignRecord, campaignsBetween, findCampaign } from "./data.js";
import { approveCampaign, createCampaign, updateCampaign, withdrawCampaign } from "./mutations.js";
import {
  allowedCampaignActions,
  campaignWarnings,
  covers,
  type HallRef,
  inForce,
  manages,
  sees,
} from "./rules.js";

const tags = ["campaigns"];

function allow(ok: boolean): asserts ok {
  if (!ok) throw forbidden();
}

/** R-CAMPAIGN: the campaign calendar, its review, the counters' talking points and the per-campaign report. */
export async function campaignRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const today = () => localParts(new Date(), ctx.env.TINGWU_TIMEZONE).date;

  const hallRefs = async (): Promise<HallRef[]> =>
    (await listHalls(db, {})).map((h) => ({
      id: h.id,
      name: h.name,
      regionCode: h.regionCode,
      maxOverlapping: h.effectiveSettings.maxOverlappingCampaigns,
    }));

  /** The campaign as the person sees it: its warnings against the others of its days, and their actions. */
  const present = async (principal: Principal | undefined, c: CampaignRecord, halls?: HallRef[]) => {
    const refs = halls ?? (await hallRefs());
    const around = await campaignsBetween(db, c.from, c.to);
    return view(principal, c, around, refs);
  };
  const view = (
    principal: Principal | undefined,
    c: CampaignRecord,
    around: CampaignRecord[],
    halls: HallRef[],
  ): Campaign => ({
    id: c.id,
    name: c.name,
    from: c.from,
    to: c.to,
    hallIds: c.hallIds,
    regionCode: c.regionCode,
    businessTypes: c.businessTypes,
    talkingPoints: c.talkingPoints,
    faq: c.faq,
    products: c.products,
    state: c.state,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    approvedBy: c.approvedBy,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    warnings: c.state === "withdrawn" ? [] : campaignWarnings(c, around, halls),
    allowedActions: allowedCampaignActions(principal, c, halls),
  });

  /** A campaign the person may see (else 404, as for one that does not exist). */
  const visible = async (principal: Principal, id: string, halls: HallRef[]) => {
    const c = await findCampaign(db, id);
    if (!sees(principal, c, halls)) throw notFound("Campaign");
    return c;
  };

  /** Where a new campaign applies: the halls named (each in the person's scope), a region, or their own. */
  const scopeOf = async (principal: Principal, input: CampaignInput, halls: HallRef[]) => {
    if (principal.kind !== "user") throw forbidden();
    const scope = roleScope[principal.role];
    if (input.hallIds) {
      for (const id of input.hallIds)
        await referenced(
          "Hall",
          async () => halls.find((h) => h.id === id),
          (h) => manages(principal, { hallIds: [h.id], regionCode: null }, halls),
        );
      return { hallIds: input.hallIds, regionCode: null };
    }
    if (input.regionCode) {
      allow(scope === "operator" || (scope === "region" && principal.regionCode === input.regionCode));
      await referenced("Region", async () => halls.find((h) => h.regionCode === input.regionCode));
      return { hallIds: null, regionCode: input.regionCode };
    }
    // A hall's person with no hall on record has nowhere to plan for.
    if (scope === "hall") {
      allow(principal.hallId !== null);
      return { hallIds: [principal.hallId], regionCode: null };
    }
    if (scope === "region") return { hallIds: null, regionCode: principal.regionCode };
    return { hallIds: null, regionCode: null };
  };

  app.post(
    "/api/campaigns",
    {
      schema: {
        tags,
        summary: "Plan a campaign (a draft until approved), answered with its overlap and wording warnings",
        body: campaignBody,
        response: { 201: campaignSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const principal = authorize(req.principal, "campaign.manage");
      const halls = await hallRefs();
      const scope = await scopeOf(principal, req.body, halls);
      await checkCodes(db, req.body.businessTypes ?? []);
      const c = await createCampaign(db, req.body, scope, userOf(principal));
      return reply.status(201).send(await present(principal, c, halls));
    },
  );

  app.get(
    "/api/campaigns",
    {
      schema: {
        tags,
        summary: "The campaign calendar of the person's halls: the campaigns meeting a period, with warnings",
        querystring: campaignListQuery,
        response: { 200: z.array(campaignSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "campaign.read");
      const from = req.query.from ?? `${today().slice(0, 7)}-01`;
      const to = req.query.to ?? addDays(from, 91);
      const halls = await hallRefs();
      // The warnings of a campaign count every campaign of its days, not only those in the period shown.
      const list = await campaignsBetween(db, from, to, req.query.state);
      const first = [from, ...list.map((c) => c.from)].sort()[0];
      const last = [to, ...list.map((c) => c.to)].sort().at(-1) ?? to;
      const around = await campaignsBetween(db, first, last);
      return list.filter((c) => sees(principal, c, halls)).map((c) => view(principal, c, around, halls));
    },
  );

  app.get(
    "/api/campaigns/:id",
    { schema: { tags, params: idParams, response: { 200: campaignSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const principal = authorize(req.principal, "campaign.read");
      const halls = await hallRefs();
      return present(principal, await visible(principal, req.params.id, halls), halls);
    },
  );

  app.patch(
    "/api/campaigns/:id",
    {
      schema: {
        tags,
        summary: "Change a draft's period, text or products",
        params: idParams,
        body: campaignPatch,
        response: { 200: campaignSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "campaign.manage");
      const halls = await hallRefs();
      const c = await visible(principal, req.params.id, halls);
      allow(manages(principal, c, halls));
      if (req.body.businessTypes) await checkCodes(db, req.body.businessTypes);
      return present(principal, await updateCampaign(db, c.id, req.body), halls);
    },
  );

  for (const [action, capability, run] of [
    ["approve", "campaign.approve", (id: string, by: string | null) => approveCampaign(db, id, by)],
    ["withdraw", "campaign.manage", (id: string) => withdrawCampaign(db, id)],
  ] as const) {
    app.post(
      `/api/campaigns/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === "approve"
              ? "Put a reviewed draft in force (area manager, operator)"
              : "End a campaign early",
          params: idParams,
          response: { 200: campaignSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const principal = authorize(req.principal, capability);
        const halls = await hallRefs();
        const c = await visible(principal, req.params.id, halls);
        allow(manages(principal, c, halls));
        return present(principal, await run(c.id, userOf(principal)), halls);
      },
    );
  }

  app.get(
    "/api/campaigns/:id/report",
    {
      schema: {
        tags,
        summary: "What the counters offered of the campaign's products and what customers took, per person",
        params: idParams,
        response: { 200: campaignReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "campaign.manage");
      const halls = await hallRefs();
      const c = await visible(principal, req.params.id, halls);
      // A hall's manager sees their own hall's counters; the region and operator every hall of the campaign.
      const mine = halls.filter(
        (h) => covers(c, h) && sees(principal, { hallIds: [h.id], regionCode: null }, halls),
      );
      const tallies = await offerTallies(db, {
        hallIds: mine.map((h) => h.id),
        from: c.from,
        to: c.to,
        codes: c.products.map((p) => p.code),
      });
      const sum = (rows: typeof tallies) => ({
        offered: rows.reduce((s, r) => s + r.offered, 0),
        accepted: rows.reduce((s, r) => s + r.accepted, 0),
      });
      const staffIds = [...new Set(tallies.flatMap((t) => (t.staffId ? [t.staffId] : [])))];
      const names = await staffNames(db, staffIds);
      return {
        campaignId: c.id,
        ...sum(tallies),
        byProduct: c.products.map((p) => ({
          code: p.code,
          name: p.name,
          ...sum(tallies.filter((t) => t.code === p.code)),
        })),
        byStaff: staffIds
          .map((id) => ({
            staffId: id,
            name: names.get(id) ?? null,
            ...sum(tallies.filter((t) => t.staffId === id)),
          }))
          .sort((a, b) => b.offered - a.offered || a.staffId.localeCompare(b.staffId)),
      };
    },
  );

  app.get(
    "/api/halls/:hallId/talking-points",
    {
      schema: {
        tags,
        summary:
          "The campaigns in force at the hall on a day, with their talking points, FAQ and products (Z6)",
        params: hallIdParams,
        querystring: z.object({ date: isoDay().optional() }),
        response: { 200: talkingPointsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "campaign.read", hall);
      const date = req.query.date ?? today();
      const list = (await campaignsBetween(db, date, date, "approved")).filter((c) => inForce(c, hall, date));
      return {
        date,
        campaigns: list.map((c) => ({
          id: c.id,
          name: c.name,
          from: c.from,
          to: c.to,
          businessTypes: c.businessTypes,
          talkingPoints: c.talkingPoints,
          faq: c.faq,
          products: c.products,
        })),
      };
    },
  );
}
