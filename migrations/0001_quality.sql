CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"hall_id" uuid NOT NULL,
	"counter_id" uuid,
	"staff_id" uuid,
	"rating" text NOT NULL,
	"reasons" text[] DEFAULT '{}' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_ticket_uq" ON "evaluations" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "evaluations_hall_idx" ON "evaluations" USING btree ("hall_id","at");