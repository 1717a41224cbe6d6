import { z } from "zod";
import { isoDay, isoInstant } from "../../core/dates.js";
import { cursorPageSchema, cursorQuery } from "../../core/paging.js";
import { CHECKLIST_KINDS, EVIDENCE } from "./inspection-rules.js";

// R-MYSTERY on the wire: checklists and their versions, assignments, inspections, photos, alignment.

const kind = z.enum(CHECKLIST_KINDS).describe("mystery (暗访) or open (明查)");
const checklistItem = z.object({
  code: z
    .string()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _"),
  label: z.string().trim().min(1).max(200),
  weight: z.number().min(0).max(100),
  evidence: z.enum(EVIDENCE).optional().describe("what the inspector records beside the score"),
});

export const checklistBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind,
  items: z
    .array(checklistItem)
    .min(1)
    .max(100)
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, "items: codes are unique")
    .refine((items) => items.some((i) => i.weight > 0), "items: at least one item has a weight"),
});

export const checklistSchema = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  version: z.number(),
  name: z.string(),
  kind,
  items: z.array(checklistItem),
  createdAt: z.string(),
  /** Whether this is the family's newest version (the one new inspections use). */
  current: z.boolean(),
});

export const assignmentBody = z.object({
  hallId: z.uuid(),
  inspectorId: z.uuid(),
  checklistId: z.uuid().describe("any version of the checklist; the inspection uses its newest"),
  kind,
  dueDate: isoDay(),
});
const assignmentStatus = z.enum(["planned", "done", "cancelled"]);
export const assignmentSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  hallName: z.string(),
  inspectorId: z.uuid(),
  inspectorName: z.string(),
  checklistFamilyId: z.uuid(),
  checklistName: z.string(),
  kind,
  dueDate: z.string(),
  status: assignmentStatus,
  inspectionId: z.uuid().nullable(),
});
export const assignmentQuery = z.object({
  status: assignmentStatus.optional(),
  hallId: z.uuid().optional(),
});

const itemScore = z.object({
  item: z.string().min(1).max(20),
  score: z.number().min(0).max(100),
  note: z.string().trim().max(1000).optional(),
  seconds: z.number().int().min(0).max(86_400).optional().describe("a time measured (waiting, greeting)"),
  photoIds: z.array(z.uuid()).max(5).optional().describe("photos uploaded for this inspection's hall"),
});

export const inspectionBody = z.object({
  hallId: z.uuid(),
  checklistId: z.uuid(),
  kind,
  at: isoInstant(),
  assignmentId: z
    .uuid()
    .optional()
    .describe("the assignment this fulfils; an inspector's open one by default"),
  scores: z.array(itemScore).min(1).max(100),
  notes: z.string().trim().max(4000).optional(),
});

export const inspectionSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  hallName: z.string(),
  checklistId: z.uuid(),
  checklistName: z.string(),
  checklistVersion: z.number(),
  kind,
  at: z.string(),
  inspectorId: z.uuid().nullable(),
  inspectorName: z.string().nullable(),
  score: z.number(),
  scores: z.array(itemScore.extend({ label: z.string(), weight: z.number() })),
  notes: z.string().nullable(),
});
export const inspectionCreated = z.object({
  id: z.uuid(),
  score: z.number(),
  assignmentId: z.uuid().nullable(),
});

export const inspectionListQuery = z.object({
  hallId: z.uuid().optional(),
  from: isoDay().optional(),
  to: isoDay().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorQuery,
});
export const inspectionPage = cursorPageSchema(inspectionSchema.omit({ scores: true }));

export const photoQuery = z.object({ hallId: z.uuid() });
export const photoSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  contentType: z.string(),
  size: z.number(),
});
export const photoParams = z.object({ hallId: z.uuid(), id: z.uuid() });

export const alignmentQuery = z.object({
  scope: z.string().max(80).optional().describe("operator or region:<code>; the caller's own when absent"),
  period: z
    .string()
    .regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, "2026-Q3 or 2026-08")
    .describe("the survey period the inspections are set against"),
  checklistId: z.uuid().optional().describe("the node-norms checklist when absent"),
});
export const alignmentSchema = z.object({
  scope: z.string(),
  period: z.string(),
  checklist: checklistSchema,
  halls: z.array(z.object({ hallId: z.uuid(), name: z.string(), kpi: z.number(), inspections: z.number() })),
  items: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      weight: z.number(),
      correlation: z.number().nullable(),
      halls: z.number(),
      flag: z.enum(["overweighted", "underweighted"]).nullable(),
      suggestedWeight: z.number(),
      points: z.array(z.object({ hallId: z.uuid(), score: z.number(), kpi: z.number() })),
    }),
  ),
});
