CREATE TABLE "hall_month_rollups" (
	"hall_id" uuid NOT NULL,
	"month" date NOT NULL,
	"business_type" text NOT NULL,
	"region_code" text NOT NULL,
	"issued" integer DEFAULT 0 NOT NULL,
	"served" integer DEFAULT 0 NOT NULL,
	"no_show" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"diverted" integer DEFAULT 0 NOT NULL,
	"transferred" integer DEFAULT 0 NOT NULL,
	"wait_count" integer DEFAULT 0 NOT NULL,
	"wait_sum" double precision DEFAULT 0 NOT NULL,
	"wait_within" integer DEFAULT 0 NOT NULL,
	"wait_hist" integer[] NOT NULL,
	"arrivals" integer[] DEFAULT '{}' NOT NULL,
	"handling_count" integer DEFAULT 0 NOT NULL,
	"handling_sum" double precision DEFAULT 0 NOT NULL,
	"handling_within" integer DEFAULT 0 NOT NULL,
	"wait_breaches" integer DEFAULT 0 NOT NULL,
	"handling_breaches" integer DEFAULT 0 NOT NULL,
	"greeting_breaches" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"peak_level1" integer DEFAULT 0 NOT NULL,
	"peak_level2" integer DEFAULT 0 NOT NULL,
	"peak_level3" integer DEFAULT 0 NOT NULL,
	"peak_minutes3" double precision DEFAULT 0 NOT NULL,
	"diversion_suggested" integer DEFAULT 0 NOT NULL,
	"diversion_taken" integer DEFAULT 0 NOT NULL,
	"diversion_channels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "hall_month_rollups_hall_id_month_business_type_pk" PRIMARY KEY("hall_id","month","business_type")
);
--> statement-breakpoint
CREATE INDEX "hall_month_rollups_region_idx" ON "hall_month_rollups" USING btree ("region_code","month");--> statement-breakpoint
-- Closed days before this lack their whole-day rows and months: the sweeper closes them again.
DELETE FROM "hall_day_rollups";--> statement-breakpoint
DELETE FROM "rollup_days";
