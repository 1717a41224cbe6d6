CREATE TABLE "fault_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fault_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"level" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fault_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fault_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faults" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid,
	"region_code" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"customer_phone" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"service" text NOT NULL,
	"symptom" text NOT NULL,
	"key_customer" boolean DEFAULT false NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agreed_repair_at" timestamp with time zone,
	"report_due_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone,
	"report_reference" text,
	"report_late" boolean DEFAULT false NOT NULL,
	"progress_due_at" timestamp with time zone,
	"progress_contacted_at" timestamp with time zone,
	"progress_late" boolean DEFAULT false NOT NULL,
	"repair_due_at" timestamp with time zone NOT NULL,
	"repaired_at" timestamp with time zone,
	"repair_breached" boolean DEFAULT false NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" text,
	"confirm_method" text,
	"closed_at" timestamp with time zone,
	"satisfaction" text,
	"callback_note" text
);
--> statement-breakpoint
ALTER TABLE "fault_alerts" ADD CONSTRAINT "fault_alerts_fault_id_faults_id_fk" FOREIGN KEY ("fault_id") REFERENCES "public"."faults"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fault_history" ADD CONSTRAINT "fault_history_fault_id_faults_id_fk" FOREIGN KEY ("fault_id") REFERENCES "public"."faults"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fault_alerts_once_uq" ON "fault_alerts" USING btree ("fault_id","clock","level");--> statement-breakpoint
CREATE INDEX "fault_history_fault_idx" ON "fault_history" USING btree ("fault_id","at");--> statement-breakpoint
CREATE INDEX "faults_region_idx" ON "faults" USING btree ("region_code","recorded_at");--> statement-breakpoint
CREATE INDEX "faults_owner_idx" ON "faults" USING btree ("owner_id");