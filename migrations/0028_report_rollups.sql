CREATE TABLE "hall_day_rollups" (
	"hall_id" uuid NOT NULL,
	"service_date" date NOT NULL,
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
	"handling_count" integer DEFAULT 0 NOT NULL,
	"handling_sum" double precision DEFAULT 0 NOT NULL,
	"handling_within" integer DEFAULT 0 NOT NULL,
	"wait_breaches" integer DEFAULT 0 NOT NULL,
	"handling_breaches" integer DEFAULT 0 NOT NULL,
	"greeting_breaches" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hall_day_rollups_hall_id_service_date_business_type_pk" PRIMARY KEY("hall_id","service_date","business_type")
);
--> statement-breakpoint
CREATE TABLE "rollup_days" (
	"hall_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_days_hall_id_service_date_pk" PRIMARY KEY("hall_id","service_date")
);
--> statement-breakpoint
CREATE INDEX "hall_day_rollups_region_idx" ON "hall_day_rollups" USING btree ("region_code","service_date");