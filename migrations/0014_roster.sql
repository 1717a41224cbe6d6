CREATE TABLE "forecast_overrides" (
	"hall_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_minute" integer NOT NULL,
	"business_type" text NOT NULL,
	"arrivals" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_overrides_hall_id_date_start_minute_business_type_pk" PRIMARY KEY("hall_id","date","start_minute","business_type")
);
--> statement-breakpoint
CREATE TABLE "roster_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"roster_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_minute" integer NOT NULL,
	"length_minutes" integer NOT NULL,
	"template_id" uuid
);
--> statement-breakpoint
CREATE TABLE "rosters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"requirements" jsonb NOT NULL,
	"target_wait_seconds" integer NOT NULL,
	"target_service_level" double precision NOT NULL,
	"min_rest_minutes" integer NOT NULL,
	"staff_minutes" integer NOT NULL,
	"lower_bound_minutes" integer NOT NULL,
	"optimal" boolean NOT NULL,
	"check" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shift_swaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"from_staff_id" uuid NOT NULL,
	"to_staff_id" uuid NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "shift_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_minute" integer NOT NULL,
	"length_minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"vip" boolean DEFAULT false NOT NULL,
	"contract_minutes_per_week" integer NOT NULL,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_roster_id_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."rosters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_swaps" ADD CONSTRAINT "shift_swaps_shift_id_roster_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."roster_shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_absences" ADD CONSTRAINT "staff_absences_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_shifts_roster_idx" ON "roster_shifts" USING btree ("roster_id","date");--> statement-breakpoint
CREATE INDEX "roster_shifts_staff_idx" ON "roster_shifts" USING btree ("staff_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_shifts_staff_day_uq" ON "roster_shifts" USING btree ("roster_id","staff_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "rosters_hall_week_uq" ON "rosters" USING btree ("hall_id","week_start");--> statement-breakpoint
CREATE INDEX "shift_swaps_hall_idx" ON "shift_swaps" USING btree ("hall_id","state");--> statement-breakpoint
CREATE INDEX "shift_templates_hall_idx" ON "shift_templates" USING btree ("hall_id");--> statement-breakpoint
CREATE INDEX "staff_absences_staff_idx" ON "staff_absences" USING btree ("staff_id","from_date");--> statement-breakpoint
CREATE INDEX "staff_members_hall_idx" ON "staff_members" USING btree ("hall_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_members_user_uq" ON "staff_members" USING btree ("hall_id","user_id") WHERE user_id IS NOT NULL;