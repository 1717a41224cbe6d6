ALTER TABLE "evaluations" ADD COLUMN "business_type" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "wait_seconds" integer;--> statement-breakpoint
-- Ratings given before: their ticket's business type and wait.
UPDATE "evaluations" e SET "business_type" = t."business_type", "wait_seconds" = t."wait_seconds"
  FROM "tickets" t WHERE t."id" = e."ticket_id";--> statement-breakpoint
CREATE INDEX "evaluations_staff_idx" ON "evaluations" USING btree ("staff_id","at");