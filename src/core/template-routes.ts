import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, userOf } from "./access.js";
import { type AppContext, errors, typed } from "./context.js";
import { listTemplates, setTemplate, TEMPLATES, type TemplateCode } from "./templates.js";

// R-NOTIFY: the operator admin reads and edits the customer messages' wording (zh-CN).
const codes = Object.keys(TEMPLATES) as [TemplateCode, ...TemplateCode[]];
const templateSchema = z.object({
  code: z.enum(codes),
  label: z.string(),
  vars: z.array(z.string()),
  defaultBody: z.string(),
  body: z.string(),
  edited: z.boolean(),
  updatedAt: z.string().nullable(),
});
const codeParams = z.object({
  template: z.enum(Object.keys(TEMPLATES) as [TemplateCode, ...TemplateCode[]]),
});

export async function templateRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tags = ["messages"];

  app.get(
    "/api/message-templates",
    {
      schema: {
        tags,
        summary: "The customer messages' templates: built-in and the operator's wording (R-NOTIFY)",
        response: { 200: z.array(templateSchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "templates.admin");
      return listTemplates(db);
    },
  );

  app.put(
    "/api/message-templates/:template",
    {
      schema: {
        tags,
        summary: "Set a template's wording; body null goes back to the built-in text (on record)",
        description:
          "The text may use the template's own values only ({{hall}}, {{number}} …): another is a 400.",
        params: codeParams,
        body: z.object({ body: z.string().trim().min(1).max(300).nullable() }),
        response: { 200: templateSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "templates.admin");
      await setTemplate(db, req.params.template, req.body.body, userOf(p));
      return (await listTemplates(db)).find((t) => t.code === req.params.template)!;
    },
  );
}
