CREATE TABLE "counter_away_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"counter_id" uuid NOT NULL,
	"staff_id" uuid,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "counters" ADD COLUMN "away_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "counters" ADD COLUMN "away_reason" text;--> statement-breakpoint
ALTER TABLE "counter_away_periods" ADD CONSTRAINT "counter_away_periods_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counter_away_periods_hall_idx" ON "counter_away_periods" USING btree ("hall_id","started_at");