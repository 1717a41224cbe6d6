CREATE TABLE "field_blind_spots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"town" text,
	"village" text NOT NULL,
	"place" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"customer_id" uuid,
	"reported_by" uuid,
	"status" text DEFAULT 'reported' NOT NULL,
	"forwarded_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_cadence" (
	"tier" text PRIMARY KEY NOT NULL,
	"in_person_days" integer,
	"phone_days" integer
);
--> statement-breakpoint
CREATE TABLE "field_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"birthday" text,
	"decision_maker" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"terms" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reminder_days" integer[] DEFAULT '{60,30}'::integer[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"renewed_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"town" text,
	"village" text,
	"name" text NOT NULL,
	"tier" text NOT NULL,
	"address" text,
	"phone" text,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agent_id" uuid,
	"manager_id" uuid,
	"notes" text,
	"next_in_person_visit_due_at" timestamp with time zone,
	"next_phone_visit_due_at" timestamp with time zone,
	"last_in_person_visit_at" timestamp with time zone,
	"last_phone_visit_at" timestamp with time zone,
	"in_person_overdue_notice_for" timestamp with time zone,
	"phone_overdue_notice_for" timestamp with time zone,
	"archive_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_greetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_key" text DEFAULT '' NOT NULL,
	"occasion" text NOT NULL,
	"year" integer NOT NULL,
	"channel" text NOT NULL,
	"agent_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"agent_id" uuid,
	"visit_record_id" uuid,
	"title" text NOT NULL,
	"product" text,
	"estimated_value" integer,
	"stage" text DEFAULT 'new' NOT NULL,
	"history" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "field_promises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_record_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"agent_id" uuid,
	"text" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"reminded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_service_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"agent_id" uuid,
	"kind" text NOT NULL,
	"order_name" text NOT NULL,
	"order_address" text NOT NULL,
	"order_tier" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"mismatches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notices_told" text[] DEFAULT '{}' NOT NULL,
	"signature_form" text,
	"signature" "bytea",
	"signed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_villages" (
	"region_code" text NOT NULL,
	"town" text NOT NULL,
	"village" text NOT NULL,
	"population" integer,
	"households" integer,
	"our_products" text,
	"competitor_products" text,
	"channels" text,
	"competitor_prices" text,
	"competitor_tactics" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_villages_region_code_town_village_pk" PRIMARY KEY("region_code","town","village")
);
--> statement-breakpoint
CREATE TABLE "field_visit_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"agent_id" uuid,
	"kind" text NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"arrive_by" timestamp with time zone NOT NULL,
	"purpose" text,
	"warnings" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"visit_record_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_visit_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text,
	"customer_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"agent_id" uuid,
	"plan_id" uuid,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"purpose" text,
	"met" text,
	"notes" text,
	"needs" text,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answers_due_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answers_reminded" boolean DEFAULT false NOT NULL,
	"archive_due_at" timestamp with time zone NOT NULL,
	"archive_updated_at" timestamp with time zone,
	"archive_reminded" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_visit_records_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_notices" (
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_notices_ticket_id_kind_pk" PRIMARY KEY("ticket_id","kind")
);
--> statement-breakpoint
ALTER TABLE "field_contacts" ADD CONSTRAINT "field_contacts_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_contracts" ADD CONSTRAINT "field_contracts_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_greetings" ADD CONSTRAINT "field_greetings_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_opportunities" ADD CONSTRAINT "field_opportunities_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_promises" ADD CONSTRAINT "field_promises_visit_record_id_field_visit_records_id_fk" FOREIGN KEY ("visit_record_id") REFERENCES "public"."field_visit_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_service_orders" ADD CONSTRAINT "field_service_orders_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visit_plans" ADD CONSTRAINT "field_visit_plans_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visit_records" ADD CONSTRAINT "field_visit_records_customer_id_field_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."field_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_blind_spots_region_idx" ON "field_blind_spots" USING btree ("region_code","village");--> statement-breakpoint
CREATE INDEX "field_contacts_customer_idx" ON "field_contacts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "field_contracts_ends_idx" ON "field_contracts" USING btree ("region_code","ends_on");--> statement-breakpoint
CREATE INDEX "field_customers_region_idx" ON "field_customers" USING btree ("region_code","town","village");--> statement-breakpoint
CREATE INDEX "field_customers_agent_idx" ON "field_customers" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "field_customers_in_person_due_idx" ON "field_customers" USING btree ("next_in_person_visit_due_at");--> statement-breakpoint
CREATE INDEX "field_customers_phone_due_idx" ON "field_customers" USING btree ("next_phone_visit_due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "field_greetings_uq" ON "field_greetings" USING btree ("customer_id","contact_key","occasion","year");--> statement-breakpoint
CREATE INDEX "field_opportunities_region_idx" ON "field_opportunities" USING btree ("region_code","stage");--> statement-breakpoint
CREATE INDEX "field_promises_open_idx" ON "field_promises" USING btree ("region_code","due_on") WHERE done_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_visit_plans_agent_idx" ON "field_visit_plans" USING btree ("agent_id","planned_at");--> statement-breakpoint
CREATE INDEX "field_visit_records_customer_idx" ON "field_visit_records" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "field_visit_records_agent_idx" ON "field_visit_records" USING btree ("agent_id","at");--> statement-breakpoint
ALTER TABLE "tickets" DROP COLUMN "near_turn_notified";