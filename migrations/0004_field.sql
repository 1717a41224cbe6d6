CREATE TABLE "complaint_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"level" text NOT NULL,
	"escalated_to" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_limits" (
	"category" text PRIMARY KEY NOT NULL,
	"first_reply_hours" integer NOT NULL,
	"progress_hours" integer NOT NULL,
	"callback_working_days" integer NOT NULL,
	"paused_states" text[] NOT NULL,
	"working_hours_only" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"hall_id" uuid,
	"region_code" text NOT NULL,
	"ticket_id" uuid,
	"channel" text NOT NULL,
	"customer_name" text NOT NULL,
	"customer_phone" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"key_customer" boolean DEFAULT false NOT NULL,
	"description" text NOT NULL,
	"request" text NOT NULL,
	"state" text NOT NULL,
	"resume_state" text,
	"owner_id" uuid NOT NULL,
	"recorded_by" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"record_confirmed_at" timestamp with time zone,
	"first_reply_due_at" timestamp with time zone,
	"first_replied_at" timestamp with time zone,
	"last_contact_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"callback_due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"satisfaction" text,
	"appeal" jsonb,
	"accepted_at" timestamp with time zone,
	"materials_complete_at" timestamp with time zone,
	"due_kind" text,
	"due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"customer_escalated" boolean DEFAULT false NOT NULL,
	"breached" boolean DEFAULT false NOT NULL,
	"breach_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "typical_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"lessons" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "typical_cases_complaint_id_unique" UNIQUE("complaint_id")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"hall_id" uuid,
	"region_code" text NOT NULL,
	"department" text NOT NULL,
	"state" text NOT NULL,
	"brief" text NOT NULL,
	"claimed_by" uuid,
	"reply_text" text,
	"return_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replied_at" timestamp with time zone,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "field_contracts" ADD COLUMN "reminded_days" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_alerts" ADD CONSTRAINT "complaint_alerts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_history" ADD CONSTRAINT "complaint_history_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typical_cases" ADD CONSTRAINT "typical_cases_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_alerts_once_uq" ON "complaint_alerts" USING btree ("complaint_id","clock","due_at","level");--> statement-breakpoint
CREATE INDEX "complaint_history_complaint_idx" ON "complaint_history" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaints_hall_idx" ON "complaints" USING btree ("hall_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_region_idx" ON "complaints" USING btree ("region_code","received_at");--> statement-breakpoint
CREATE INDEX "complaints_owner_idx" ON "complaints" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "complaints_warn_idx" ON "complaints" USING btree ("warn_at") WHERE warn_at is not null;--> statement-breakpoint
CREATE INDEX "typical_cases_category_idx" ON "typical_cases" USING btree ("category");--> statement-breakpoint
CREATE INDEX "work_orders_queue_idx" ON "work_orders" USING btree ("department","state");--> statement-breakpoint
CREATE INDEX "work_orders_complaint_idx" ON "work_orders" USING btree ("complaint_id");