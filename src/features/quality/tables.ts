import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, keyedId, keyWith } from "../../core/ids.js";
import type { CertOutcome, CertReason, CertThresholds } from "./cert-rules.js";
import type { Rating } from "./contract.js";
import type { ChecklistItem, ChecklistKind, ItemScore } from "./inspection-rules.js";
import type { PulseAnswers } from "./pulse-rules.js";
import type { ShortBoardSource } from "./shortboard-rules.js";
import type { KpiSettings, Scores } from "./survey-rules.js";

// R-EVAL: one rating per ticket, with the counter and staff member who served it. No foreign key to
// tickets: a feature does not reach into another feature's tables (ARCHITECTURE, layout).
export const evaluations = pgTable(
  "evaluations",
  {
    id: keyedId(),
    ticketId: uuid("ticket_id").notNull(),
    hallId: uuid("hall_id").notNull(),
    counterId: uuid("counter_id"),
    staffId: uuid("staff_id"),
    // The ticket's business type and wait, kept with the rating so the roll-ups need no other feature's rows.
    businessType: text("business_type"),
    waitSeconds: integer("wait_seconds"),
    rating: text("rating").$type<Rating>().notNull(),
    // Where the customer rated: the counter's pad, or the link sent by SMS.
    channel: text("channel").$type<"pad" | "sms">().notNull().default("pad"),
    reasons: text("reasons").array().notNull().default([]),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("evaluations", t.id, t.hallId),
    uniqueIndex("evaluations_ticket_uq").on(t.ticketId, t.hallId),
    index("evaluations_hall_idx").on(t.hallId, t.at),
    // A staff member's own ratings (我的评价), across the halls they served in.
    index("evaluations_staff_idx").on(t.staffId, t.at),
  ],
);

// R-KPI: one file from the survey firm, as imported; withdrawing it removes its results and keeps this row.
export const surveyImports = pgTable("survey_imports", {
  id: idColumn(),
  fileName: text("file_name").notNull(),
  rows: integer("rows").notNull(),
  periods: text("periods").array().notNull(),
  importedBy: uuid("imported_by"),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  withdrawnBy: uuid("withdrawn_by"),
});

// A row of a survey file: one period, scope, customer segment (brand; '' = the whole base) and carrier.
export const surveyResults = pgTable(
  "survey_results",
  {
    id: idColumn(),
    importId: uuid("import_id")
      .notNull()
      .references(() => surveyImports.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    scope: text("scope").notNull(),
    segment: text("segment").notNull().default(""),
    carrier: text("carrier").notNull(),
    sampleSize: integer("sample_size").notNull(),
    // The row of the file it came from: results are shown in the file's order (brands as the firm lists them).
    line: integer("line").notNull().default(0),
    // The twelve items, percentages 0–100, by their file column names; an item left blank is absent.
    scores: jsonb("scores").$type<Scores>().notNull(),
  },
  (t) => [uniqueIndex("survey_results_once_uq").on(t.period, t.scope, t.segment, t.carrier)],
);

// The operator's KPI weights, target and colour rule (one row, id 'kpi'); absent means the defaults.
export const qualitySettings = pgTable("quality_settings", {
  id: text("id").primaryKey(),
  // id "kpi": the KPI's settings; id "cert": the certification thresholds.
  value: jsonb("value").$type<KpiSettings | CertThresholds>().notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

const ts = (name: string) => timestamp(name, { withTimezone: true });
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });
// A hall's row keyed (hall_id, id): the shape create_distributed_table needs (docs/scale.md).

// R-MYSTERY: a checklist is a family of versions; editing adds a version, inspections keep the one they used.
export const checklists = pgTable(
  "checklists",
  {
    id: idColumn(),
    familyId: uuid("family_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<ChecklistKind>().notNull(),
    items: jsonb("items").$type<ChecklistItem[]>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("checklists_version_uq").on(t.familyId, t.version)],
);

// An inspection planned for an inspector: the halls an inspector may inspect are those assigned to them.
export const inspectionAssignments = pgTable(
  "inspection_assignments",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    regionCode: text("region_code").notNull(),
    inspectorId: uuid("inspector_id").notNull(),
    checklistFamilyId: uuid("checklist_family_id").notNull(),
    kind: text("kind").$type<ChecklistKind>().notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status").$type<"planned" | "done" | "cancelled">().notNull().default("planned"),
    inspectionId: uuid("inspection_id"),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.hallId, t.id] }),
    index("inspection_assignments_inspector_idx").on(t.inspectorId, t.status, t.dueDate),
  ],
);

export const inspections = pgTable(
  "inspections",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    regionCode: text("region_code").notNull(),
    checklistId: uuid("checklist_id").notNull(),
    checklistFamilyId: uuid("checklist_family_id").notNull(),
    kind: text("kind").$type<ChecklistKind>().notNull(),
    at: ts("at").notNull(),
    inspectorId: uuid("inspector_id"),
    assignmentId: uuid("assignment_id"),
    score: doublePrecision("score").notNull(),
    scores: jsonb("scores").$type<ItemScore[]>().notNull(),
    notes: text("notes"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.hallId, t.id] }),
    index("inspections_hall_idx").on(t.hallId, t.at),
    index("inspections_region_idx").on(t.regionCode, t.at),
    // GET /api/quality/inspections/:id names no hall.
    index("inspections_id_idx").on(t.id),
  ],
);

// A photo taken as evidence, stored by the server (size-limited, type-checked when uploaded).
export const inspectionPhotos = pgTable(
  "inspection_photos",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    uploadedBy: uuid("uploaded_by"),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.id] })],
);

// R-EVAL by SMS: the link a customer rates a service by, one per ticket; only the token's hash is kept.
export const ratingLinks = pgTable(
  "rating_links",
  {
    hallId: uuid("hall_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.ticketId] }), index("rating_links_token_idx").on(t.tokenHash)],
);

// R-STAFFSAT: who answered a hall's quarter (so nobody answers twice) — apart from what they answered.
export const pulseParticipants = pgTable(
  "pulse_participants",
  {
    hallId: uuid("hall_id").notNull(),
    quarter: text("quarter").notNull(),
    userId: uuid("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.quarter, t.userId] })],
);

// An answer: no user, no time, a random (not time-ordered) id, so no answer can be tied to a participant.
export const pulseAnswers = pgTable(
  "pulse_answers",
  {
    hallId: uuid("hall_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    quarter: text("quarter").notNull(),
    answers: jsonb("answers").$type<PulseAnswers>().notNull(),
    comment: text("comment"),
  },
  (t) => [
    primaryKey({ columns: [t.hallId, t.id] }),
    index("pulse_answers_quarter_idx").on(t.hallId, t.quarter),
  ],
);

// R-SHORTBOARD: an improvement plan for one short board of a scope's period, tracked until its figure
// recovers the next period. Keyed by the region (a hall's or the region's own; '' for the operator's).
export const improvementPlans = pgTable(
  "improvement_plans",
  {
    regionCode: text("region_code").notNull(),
    id: keyedId(),
    scope: text("scope").notNull(),
    period: text("period").notNull(),
    source: text("source").$type<ShortBoardSource>().notNull(),
    code: text("code").notNull(),
    carrier: text("carrier"),
    baseline: doublePrecision("baseline").notNull(),
    target: doublePrecision("target").notNull(),
    ownerId: uuid("owner_id").notNull(),
    dueDate: text("due_date").notNull(),
    actions: jsonb("actions").$type<PlanAction[]>().notNull(),
    status: text("status").$type<"open" | "done" | "cancelled">().notNull().default("open"),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index("improvement_plans_scope_idx").on(t.scope, t.period),
    index("improvement_plans_id_idx").on(t.id),
  ],
);
export type PlanAction = { text: string; dueDate: string; done: boolean };

// R-CERT: a hall's quarterly certification (挂牌), with the figures and reasons it was decided on.
export const certifications = pgTable(
  "certifications",
  {
    hallId: uuid("hall_id").notNull(),
    id: keyedId(),
    quarter: text("quarter").notNull(),
    outcome: text("outcome").$type<CertOutcome>().notNull(),
    certified: boolean("certified").notNull(),
    reasons: jsonb("reasons").$type<CertReason[]>().notNull(),
    thresholds: jsonb("thresholds").$type<CertThresholds>().notNull(),
    evaluatedBy: uuid("evaluated_by"),
    evaluatedAt: ts("evaluated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.hallId, t.id] }),
    uniqueIndex("certifications_quarter_uq").on(t.hallId, t.quarter),
  ],
);
