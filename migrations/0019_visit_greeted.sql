ALTER TABLE "visits" ADD COLUMN "greeted_at" timestamp with time zone;--> statement-breakpoint
-- Visits greeted before: their first Z1. Visits never greeted stay null (the sweep looks back two hours only).
UPDATE "visits" v SET "greeted_at" = n."at"
  FROM (SELECT "visit_id", min("at") AS "at" FROM "visit_nodes" WHERE "node" = 'Z1' GROUP BY "visit_id") n
  WHERE n."visit_id" = v."id";--> statement-breakpoint
CREATE INDEX "visits_ungreeted_idx" ON "visits" USING btree ("entered_at") WHERE greeted_at IS NULL AND NOT greeting_breached;