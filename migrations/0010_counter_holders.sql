CREATE TABLE "counter_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"counter_id" uuid NOT NULL,
	"action" text NOT NULL,
	"staff_id" uuid,
	"previous_staff_id" uuid,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "counter_history" ADD CONSTRAINT "counter_history_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counter_history_counter_idx" ON "counter_history" USING btree ("counter_id","at");--> statement-breakpoint
CREATE INDEX "visit_nodes_actor_idx" ON "visit_nodes" USING btree ("actor_id","at");