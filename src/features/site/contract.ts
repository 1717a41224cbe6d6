import { z } from "zod";
import { isoDay, isoInstant } from "../../core/dates.js";
import { cursorPageSchema, cursorQuery } from "../../core/paging.js";
import { customerPhone } from "../../core/phone.js";
import { faultServices } from "../faults/contract.js";
import { siteCheckItemFields } from "../halls/contract.js";

// R-SITE (现场管理): the daily opening check of a hall, the tasks its failed items raise, and incidents.

const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().trim().max(500);
const itemCode = z.string().regex(/^[a-z0-9_]{1,40}$/, "lower-case letters, digits and _");

// One item of a hall's checklist (the settings' siteCheckItems, else the seed's defaults).
export const siteItemSchema = siteCheckItemFields;
export type SiteItem = z.infer<typeof siteItemSchema>;

export const siteCheckBody = z.object({
  at: isoInstant().optional(),
  items: z
    .array(
      z.object({
        code: itemCode,
        ok: z.boolean().optional(),
        value: z.number().min(-100).max(1000).optional(),
        note: note.optional(),
        // Where the photo of the item is kept (a link to the operator's file store).
        photo: z.string().trim().max(500).optional(),
        // Who puts a failed item right (default: the hall's manager) and by when.
        ownerId: z.uuid().optional(),
        dueAt: isoInstant().optional(),
      }),
    )
    .min(1)
    .max(40)
    .refine((xs) => new Set(xs.map((x) => x.code)).size === xs.length, "each item once"),
});
export type SiteCheckInput = z.infer<typeof siteCheckBody>;

export const deviceStateSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["kiosk", "display", "pad"]),
  label: z.string(),
  lastSeenAt: z.string().nullable(),
  silent: z.boolean(),
});

export const judgedItemSchema = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  ok: z.boolean(),
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string().nullable(),
  note: z.string().nullable(),
  photo: z.string().nullable(),
  // Filled in by the server (the opening against the first ticket, the devices from their tokens).
  auto: z.boolean(),
  reason: z.string().nullable(),
  devices: z.array(deviceStateSchema).optional(),
});
export type JudgedItem = z.infer<typeof judgedItemSchema>;

export const siteTaskStates = ["open", "done"] as const;
export type SiteTaskState = (typeof siteTaskStates)[number];
export const siteTaskActions = ["done", "reassign"] as const;

export const siteTaskSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  checkId: z.uuid().nullable(),
  item: z.string(),
  deviceId: z.uuid().nullable(),
  title: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  state: z.enum(siteTaskStates),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.uuid().nullable(),
  doneNote: z.string().nullable(),
  allowedActions: z.array(z.enum(siteTaskActions)),
});
export type SiteTask = z.infer<typeof siteTaskSchema>;

export const siteCheckSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  serviceDate: z.string(),
  at: z.string(),
  by: z.uuid().nullable(),
  byName: z.string().nullable(),
  items: z.array(judgedItemSchema),
  failed: z.number(),
  tasks: z.array(siteTaskSchema),
});
export type SiteCheck = z.infer<typeof siteCheckSchema>;

// A page of a list, newest first; nextCursor continues it (keyset, core/paging).
export const siteChecksPage = cursorPageSchema(siteCheckSchema.omit({ tasks: true }));
export const siteListQuery = z.object({
  from: isoDay().optional(),
  to: isoDay().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: cursorQuery,
});

export const taskOwnerSchema = z.object({ id: z.uuid(), name: z.string(), role: z.string() });
export const siteTaskQuery = z.object({
  state: z.enum(siteTaskStates).optional(),
  mine: z.enum(["true", "false"]).optional(),
});
export const siteTaskDoneBody = z.object({ note: note.optional() });
// An empty change is refused for every PATCH alike (core/input.ts: "nothing to change").
export const siteTaskPatch = z.object({ ownerId: z.uuid(), dueAt: isoInstant() }).partial();

export const siteFormSchema = z.object({
  hallId: z.uuid(),
  items: z.array(siteItemSchema.extend({ auto: z.boolean() })),
  // Today's check(s) already made, the latest first.
  today: z.array(z.object({ id: z.uuid(), at: z.string(), failed: z.number() })),
  openTasks: z.number(),
  devices: z.array(deviceStateSchema),
});

// 突发事件: the manual's kinds of emergency; a system outage also opens a fault for the back office.
export const incidentKinds = [
  "disturbance",
  "medical",
  "power",
  "system_outage",
  "fire",
  "theft",
  "other",
] as const;
export type IncidentKind = (typeof incidentKinds)[number];
export const incidentSeverities = ["ordinary", "serious"] as const;
export const incidentStates = ["open", "closed"] as const;
export type IncidentState = (typeof incidentStates)[number];
export const incidentActions = ["note", "notify", "close"] as const;
export type IncidentAction = (typeof incidentActions)[number];
export const notifiedParties = ["police", "security"] as const;
export type NotifiedParty = (typeof notifiedParties)[number];
export const entryKinds = ["opened", "action", "note", "notified", "closed"] as const;

const person = z.object({
  name: text(60),
  role: z.enum(["customer", "staff", "other"]).default("customer"),
  note: note.optional(),
});

export const incidentBody = z
  .object({
    kind: z.enum(incidentKinds),
    severity: z.enum(incidentSeverities).default("ordinary"),
    occurredAt: isoInstant(),
    summary: text(1000),
    people: z.array(person).max(30).default([]),
    // The first actions taken, each a line of the time line.
    actions: z.array(text(500)).max(20).default([]),
    // For a system outage: which line is down, and a number the back office calls back.
    outage: z.object({ service: z.enum(faultServices), contactPhone: customerPhone }).optional(),
  })
  .refine((b) => b.kind !== "system_outage" || b.outage, {
    message: "a system outage names the service that is down and a contact number",
    path: ["outage"],
  });
export type IncidentInput = z.infer<typeof incidentBody>;

export const incidentEntryBody = z.object({
  kind: z.enum(["action", "note"]),
  text: text(1000),
  at: isoInstant().optional(),
});
export const incidentNotifyBody = z.object({
  party: z.enum(notifiedParties),
  at: isoInstant().optional(),
  // The case number the police or the security department gave.
  reference: z.string().trim().max(60).optional(),
});
export const incidentCloseBody = z.object({
  summary: text(2000),
  causes: z.string().trim().max(1000).optional(),
  followUp: z.string().trim().max(1000).optional(),
});
export type IncidentClosure = z.infer<typeof incidentCloseBody>;

export const incidentEntrySchema = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.enum(entryKinds),
  text: z.string(),
  by: z.uuid().nullable(),
  byName: z.string().nullable(),
});

export const incidentSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  kind: z.enum(incidentKinds),
  severity: z.enum(incidentSeverities),
  occurredAt: z.string(),
  summary: z.string(),
  people: z.array(z.object({ name: z.string(), role: z.string(), note: z.string().optional() })),
  state: z.enum(incidentStates),
  policeNotifiedAt: z.string().nullable(),
  policeReference: z.string().nullable(),
  securityNotifiedAt: z.string().nullable(),
  securityReference: z.string().nullable(),
  // What the manual asks before a serious case is closed, and what of it is still missing.
  mustNotify: z.array(z.enum(notifiedParties)),
  missing: z.array(z.enum(notifiedParties)),
  faultId: z.uuid().nullable(),
  closure: incidentCloseBody.nullable(),
  closedAt: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  timeline: z.array(incidentEntrySchema),
  allowedActions: z.array(z.enum(incidentActions)),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentListQuery = z.object({
  state: z.enum(incidentStates).optional(),
  kind: z.enum(incidentKinds).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: cursorQuery,
});
export const incidentsPage = cursorPageSchema(incidentSchema.omit({ timeline: true }));
