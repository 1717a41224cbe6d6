CREATE TABLE "peak_changes" (
	"hall_id" uuid NOT NULL,
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"level" integer NOT NULL,
	"previous_level" integer NOT NULL,
	"waiting" integer NOT NULL,
	"open_counters" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peak_changes_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE TABLE "region_day_rollups" (
	"region_code" text NOT NULL,
	"service_date" date NOT NULL,
	"hall_id" uuid NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"complaint_appeals" integer DEFAULT 0 NOT NULL,
	"complaint_first_replied" integer DEFAULT 0 NOT NULL,
	"complaint_first_reply_on_time" integer DEFAULT 0 NOT NULL,
	"complaint_resolved" integer DEFAULT 0 NOT NULL,
	"complaint_overdue" integer DEFAULT 0 NOT NULL,
	"faults_reported" integer DEFAULT 0 NOT NULL,
	"faults_reported_in_time" integer DEFAULT 0 NOT NULL,
	"faults_closed" integer DEFAULT 0 NOT NULL,
	"visits_done" integer DEFAULT 0 NOT NULL,
	"visits_due" integer DEFAULT 0 NOT NULL,
	"visits_overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "region_day_rollups_region_code_service_date_hall_id_pk" PRIMARY KEY("region_code","service_date","hall_id")
);
--> statement-breakpoint
CREATE TABLE "region_rollup_days" (
	"region_code" text NOT NULL,
	"service_date" date NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_rollup_days_region_code_service_date_pk" PRIMARY KEY("region_code","service_date")
);
--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "peak_level1" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "peak_level2" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "peak_level3" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "peak_minutes3" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "diversion_suggested" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "diversion_taken" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hall_day_rollups" ADD COLUMN "diversion_channels" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "peak_changes_hall_idx" ON "peak_changes" USING btree ("hall_id","at");--> statement-breakpoint
CREATE INDEX "complaint_alerts_breach_idx" ON "complaint_alerts" USING btree ("at") WHERE level = 'breach';--> statement-breakpoint
CREATE INDEX "complaints_region_replied_idx" ON "complaints" USING btree ("region_code","first_replied_at") WHERE first_replied_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "complaints_region_resolved_idx" ON "complaints" USING btree ("region_code","resolved_at") WHERE resolved_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "faults_region_reported_idx" ON "faults" USING btree ("region_code","reported_at") WHERE reported_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "faults_region_closed_idx" ON "faults" USING btree ("region_code","closed_at") WHERE closed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "field_visit_plans_region_idx" ON "field_visit_plans" USING btree ("region_code","arrive_by");