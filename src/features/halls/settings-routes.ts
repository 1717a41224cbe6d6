import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { staffName } from "../users/data.js";
import { hallSettingsSchema } from "./contract.js";
import { checkSettingCodes, settingsLevel } from "./data.js";
import { setSettingsLevel } from "./mutations/settings.js";

// Issue 16: every number of the hall is a default the operator, a region or the hall may change. The
// levels above the hall are set here (the hall's own through PATCH /api/halls/:hallId/settings); each
// change is in the audit log with what changed.

const scopeText = z
  .string()
  .regex(/^(operator|region:[^\s]{1,40})$/, "operator or region:<code>")
  .describe("operator or region:<code>");
const levelSchema = z.object({
  scope: z.string(),
  /** What this level sets itself. */
  settings: hallSettingsSchema,
  /** What it inherits from the levels above (the operator's, for a region). */
  inherited: hallSettingsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export async function settingsRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  /** Who may read or set a level: the operator's is the operator admin's; a region's its area manager's too. */
  const authorizeLevel = (principal: Parameters<typeof authorize>[0], scope: string) =>
    scope === "operator"
      ? authorize(principal, "settings.operator")
      : authorize(principal, "hall.admin", { id: "", regionCode: scope.slice("region:".length) });
  const present = async (scope: string) => {
    const row = await settingsLevel(db, scope);
    // A region inherits the operator's level; the operator's own defaults are the built-in ones.
    const inherited = scope === "operator" ? {} : ((await settingsLevel(db, "operator"))?.settings ?? {});
    return {
      scope,
      settings: row?.settings ?? {},
      inherited,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: await staffName(db, row?.updatedBy ?? null),
    };
  };

  app.get(
    "/api/settings/levels",
    {
      schema: {
        tags: ["halls"],
        summary:
          "One settings level above the halls (operator or region:<code>): its own and what it inherits",
        querystring: z.object({ scope: scopeText }),
        response: { 200: levelSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorizeLevel(req.principal, req.query.scope);
      return present(req.query.scope);
    },
  );

  app.put(
    "/api/settings/levels",
    {
      schema: {
        tags: ["halls"],
        summary:
          "Set one level's settings as a whole (a key left out is inherited again); on record in the audit log",
        body: z.object({ scope: scopeText, settings: hallSettingsSchema }),
        response: { 200: levelSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorizeLevel(req.principal, req.body.scope);
      await checkSettingCodes(db, req.body.settings);
      const before = (await settingsLevel(db, req.body.scope))?.settings ?? {};
      await setSettingsLevel(db, req.body.scope, before, req.body.settings, userOf(p));
      return present(req.body.scope);
    },
  );
}
