-- Issue 17 (docs/scale.md): the distribution column in every primary key and unique index of a distributed
-- table, so create_distributed_table applies as written. Keys become (id, hall_id) or (id, region_code): the
-- id leads, so a lookup by id alone still walks the key and new UUIDv7 ids append on one leaf. Foreign keys
-- between distributed tables join on the column too. Seven child tables get the column first, from their parent.
ALTER TABLE "typical_cases" DROP CONSTRAINT "typical_cases_complaint_id_unique";
--> statement-breakpoint
ALTER TABLE "field_visit_records" DROP CONSTRAINT "field_visit_records_client_id_unique";
--> statement-breakpoint
ALTER TABLE "devices" DROP CONSTRAINT "devices_token_hash_unique";
--> statement-breakpoint
ALTER TABLE "field_greetings" DROP CONSTRAINT "field_greetings_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_alerts" DROP CONSTRAINT "complaint_alerts_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_history" DROP CONSTRAINT "complaint_history_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "typical_cases" DROP CONSTRAINT "typical_cases_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "field_contacts" DROP CONSTRAINT "field_contacts_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "field_contracts" DROP CONSTRAINT "field_contracts_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "fault_alerts" DROP CONSTRAINT "fault_alerts_fault_id_faults_id_fk";
--> statement-breakpoint
ALTER TABLE "fault_history" DROP CONSTRAINT "fault_history_fault_id_faults_id_fk";
--> statement-breakpoint
ALTER TABLE "field_opportunities" DROP CONSTRAINT "field_opportunities_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "field_promises" DROP CONSTRAINT "field_promises_visit_record_id_field_visit_records_id_fk";
--> statement-breakpoint
ALTER TABLE "field_visit_plans" DROP CONSTRAINT "field_visit_plans_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "field_visit_records" DROP CONSTRAINT "field_visit_records_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "counter_away_periods" DROP CONSTRAINT "counter_away_periods_counter_id_counters_id_fk";
--> statement-breakpoint
ALTER TABLE "counter_history" DROP CONSTRAINT "counter_history_counter_id_counters_id_fk";
--> statement-breakpoint
ALTER TABLE "breaches" DROP CONSTRAINT "breaches_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "diversions" DROP CONSTRAINT "diversions_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "visit_nodes" DROP CONSTRAINT "visit_nodes_visit_id_visits_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_history" DROP CONSTRAINT "ticket_history_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_notices" DROP CONSTRAINT "ticket_notices_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_visit_id_visits_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_counter_id_counters_id_fk";
--> statement-breakpoint
ALTER TABLE "field_service_orders" DROP CONSTRAINT "field_service_orders_customer_id_field_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "roster_shifts" DROP CONSTRAINT "roster_shifts_roster_id_rosters_id_fk";
--> statement-breakpoint
ALTER TABLE "roster_shifts" DROP CONSTRAINT "roster_shifts_staff_id_staff_members_id_fk";
--> statement-breakpoint
ALTER TABLE "shift_swaps" DROP CONSTRAINT "shift_swaps_shift_id_roster_shifts_id_fk";
--> statement-breakpoint
ALTER TABLE "staff_absences" DROP CONSTRAINT "staff_absences_staff_id_staff_members_id_fk";
--> statement-breakpoint
DROP INDEX "field_greetings_uq";
--> statement-breakpoint
DROP INDEX "complaint_alerts_once_uq";
--> statement-breakpoint
DROP INDEX "fault_alerts_once_uq";
--> statement-breakpoint
DROP INDEX "evaluations_ticket_uq";
--> statement-breakpoint
DROP INDEX "breaches_ticket_kind_uq";
--> statement-breakpoint
DROP INDEX "breaches_visit_kind_uq";
--> statement-breakpoint
DROP INDEX "tickets_counter_active_uq";
--> statement-breakpoint
DROP INDEX "roster_shifts_staff_day_uq";
--> statement-breakpoint
ALTER TABLE "field_greetings" ADD COLUMN "region_code" text;
--> statement-breakpoint
UPDATE "field_greetings" g SET "region_code" = c."region_code" FROM "field_customers" c WHERE c."id" = g."customer_id";
--> statement-breakpoint
ALTER TABLE "field_greetings" ALTER COLUMN "region_code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "complaint_alerts" ADD COLUMN "region_code" text;
--> statement-breakpoint
UPDATE "complaint_alerts" a SET "region_code" = c."region_code" FROM "complaints" c WHERE c."id" = a."complaint_id";
--> statement-breakpoint
ALTER TABLE "complaint_alerts" ALTER COLUMN "region_code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "complaint_history" ADD COLUMN "region_code" text;
--> statement-breakpoint
UPDATE "complaint_history" h SET "region_code" = c."region_code" FROM "complaints" c WHERE c."id" = h."complaint_id";
--> statement-breakpoint
ALTER TABLE "complaint_history" ALTER COLUMN "region_code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "field_contacts" ADD COLUMN "region_code" text;
--> statement-breakpoint
UPDATE "field_contacts" k SET "region_code" = c."region_code" FROM "field_customers" c WHERE c."id" = k."customer_id";
--> statement-breakpoint
ALTER TABLE "field_contacts" ALTER COLUMN "region_code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "fault_alerts" ADD COLUMN "region_code" text;
--> statement-breakpoint
UPDATE "fault_alerts" a SET "region_code" = f."region_code" FROM "faults" f WHERE f."id" = a."fault_id";
--> statement-breakpoint
ALTER TABLE "fault_alerts" ALTER COLUMN "region_code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "fault_history" ADD COLUMN "region_code" text;
--> statement-breakpoint
UPDATE "fault_history" h SET "region_code" = f."region_code" FROM "faults" f WHERE f."id" = h."fault_id";
--> statement-breakpoint
ALTER TABLE "fault_history" ALTER COLUMN "region_code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD COLUMN "hall_id" uuid;
--> statement-breakpoint
UPDATE "ticket_notices" n SET "hall_id" = t."hall_id" FROM "tickets" t WHERE t."id" = n."ticket_id";
--> statement-breakpoint
ALTER TABLE "ticket_notices" ALTER COLUMN "hall_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "hall_events" DROP CONSTRAINT "hall_events_pkey";
--> statement-breakpoint
ALTER TABLE "field_greetings" DROP CONSTRAINT "field_greetings_pkey";
--> statement-breakpoint
ALTER TABLE "complaint_alerts" DROP CONSTRAINT "complaint_alerts_pkey";
--> statement-breakpoint
ALTER TABLE "complaint_history" DROP CONSTRAINT "complaint_history_pkey";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_pkey";
--> statement-breakpoint
ALTER TABLE "typical_cases" DROP CONSTRAINT "typical_cases_pkey";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_pkey";
--> statement-breakpoint
ALTER TABLE "field_contacts" DROP CONSTRAINT "field_contacts_pkey";
--> statement-breakpoint
ALTER TABLE "field_contracts" DROP CONSTRAINT "field_contracts_pkey";
--> statement-breakpoint
ALTER TABLE "field_customers" DROP CONSTRAINT "field_customers_pkey";
--> statement-breakpoint
ALTER TABLE "fault_alerts" DROP CONSTRAINT "fault_alerts_pkey";
--> statement-breakpoint
ALTER TABLE "fault_history" DROP CONSTRAINT "fault_history_pkey";
--> statement-breakpoint
ALTER TABLE "faults" DROP CONSTRAINT "faults_pkey";
--> statement-breakpoint
ALTER TABLE "field_opportunities" DROP CONSTRAINT "field_opportunities_pkey";
--> statement-breakpoint
ALTER TABLE "field_promises" DROP CONSTRAINT "field_promises_pkey";
--> statement-breakpoint
ALTER TABLE "field_visit_plans" DROP CONSTRAINT "field_visit_plans_pkey";
--> statement-breakpoint
ALTER TABLE "field_visit_records" DROP CONSTRAINT "field_visit_records_pkey";
--> statement-breakpoint
ALTER TABLE "counter_away_periods" DROP CONSTRAINT "counter_away_periods_pkey";
--> statement-breakpoint
ALTER TABLE "counter_history" DROP CONSTRAINT "counter_history_pkey";
--> statement-breakpoint
ALTER TABLE "counters" DROP CONSTRAINT "counters_pkey";
--> statement-breakpoint
ALTER TABLE "field_blind_spots" DROP CONSTRAINT "field_blind_spots_pkey";
--> statement-breakpoint
ALTER TABLE "evaluations" DROP CONSTRAINT "evaluations_pkey";
--> statement-breakpoint
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_pkey";
--> statement-breakpoint
ALTER TABLE "breaches" DROP CONSTRAINT "breaches_pkey";
--> statement-breakpoint
ALTER TABLE "diversions" DROP CONSTRAINT "diversions_pkey";
--> statement-breakpoint
ALTER TABLE "visit_nodes" DROP CONSTRAINT "visit_nodes_pkey";
--> statement-breakpoint
ALTER TABLE "visits" DROP CONSTRAINT "visits_pkey";
--> statement-breakpoint
ALTER TABLE "ticket_history" DROP CONSTRAINT "ticket_history_pkey";
--> statement-breakpoint
ALTER TABLE "ticket_notices" DROP CONSTRAINT "ticket_notices_ticket_id_kind_pk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_pkey";
--> statement-breakpoint
ALTER TABLE "field_service_orders" DROP CONSTRAINT "field_service_orders_pkey";
--> statement-breakpoint
ALTER TABLE "roster_shifts" DROP CONSTRAINT "roster_shifts_pkey";
--> statement-breakpoint
ALTER TABLE "rosters" DROP CONSTRAINT "rosters_pkey";
--> statement-breakpoint
ALTER TABLE "shift_swaps" DROP CONSTRAINT "shift_swaps_pkey";
--> statement-breakpoint
ALTER TABLE "shift_templates" DROP CONSTRAINT "shift_templates_pkey";
--> statement-breakpoint
ALTER TABLE "staff_absences" DROP CONSTRAINT "staff_absences_pkey";
--> statement-breakpoint
ALTER TABLE "staff_members" DROP CONSTRAINT "staff_members_pkey";
--> statement-breakpoint
ALTER TABLE "devices" DROP CONSTRAINT "devices_pkey";
--> statement-breakpoint
ALTER TABLE "hall_events" ADD CONSTRAINT "hall_events_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "field_greetings" ADD CONSTRAINT "field_greetings_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "complaint_alerts" ADD CONSTRAINT "complaint_alerts_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "complaint_history" ADD CONSTRAINT "complaint_history_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "typical_cases" ADD CONSTRAINT "typical_cases_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_contacts" ADD CONSTRAINT "field_contacts_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_contracts" ADD CONSTRAINT "field_contracts_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_customers" ADD CONSTRAINT "field_customers_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "fault_alerts" ADD CONSTRAINT "fault_alerts_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "fault_history" ADD CONSTRAINT "fault_history_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "faults" ADD CONSTRAINT "faults_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_opportunities" ADD CONSTRAINT "field_opportunities_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_promises" ADD CONSTRAINT "field_promises_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_visit_plans" ADD CONSTRAINT "field_visit_plans_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "field_visit_records" ADD CONSTRAINT "field_visit_records_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "counter_away_periods" ADD CONSTRAINT "counter_away_periods_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "counter_history" ADD CONSTRAINT "counter_history_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "counters" ADD CONSTRAINT "counters_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "field_blind_spots" ADD CONSTRAINT "field_blind_spots_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "diversions" ADD CONSTRAINT "diversions_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "visit_nodes" ADD CONSTRAINT "visit_nodes_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "ticket_history" ADD CONSTRAINT "ticket_history_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_pkey" PRIMARY KEY("ticket_id","kind","hall_id");
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "field_service_orders" ADD CONSTRAINT "field_service_orders_pkey" PRIMARY KEY("id","region_code");
--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "rosters" ADD CONSTRAINT "rosters_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "shift_swaps" ADD CONSTRAINT "shift_swaps_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "shift_templates" ADD CONSTRAINT "shift_templates_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "staff_absences" ADD CONSTRAINT "staff_absences_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "staff_members" ADD CONSTRAINT "staff_members_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_pkey" PRIMARY KEY("id","hall_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "typical_cases_complaint_id_unique" ON "typical_cases" USING btree ("complaint_id","region_code");
--> statement-breakpoint
CREATE UNIQUE INDEX "field_visit_records_client_id_unique" ON "field_visit_records" USING btree ("client_id","region_code");
--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_hash_unique" ON "devices" USING btree ("token_hash","hall_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "field_greetings_uq" ON "field_greetings" USING btree ("customer_id","contact_key","occasion","year","region_code");
--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_alerts_once_uq" ON "complaint_alerts" USING btree ("complaint_id","clock","due_at","level","region_code");
--> statement-breakpoint
CREATE UNIQUE INDEX "fault_alerts_once_uq" ON "fault_alerts" USING btree ("fault_id","clock","level","region_code");
--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_ticket_uq" ON "evaluations" USING btree ("ticket_id","hall_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "breaches_ticket_kind_uq" ON "breaches" USING btree ("ticket_id","kind","hall_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "breaches_visit_kind_uq" ON "breaches" USING btree ("visit_id","kind","hall_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_counter_active_uq" ON "tickets" USING btree ("counter_id","hall_id") WHERE status in ('called', 'serving');
--> statement-breakpoint
CREATE UNIQUE INDEX "roster_shifts_staff_day_uq" ON "roster_shifts" USING btree ("roster_id","staff_id","date","hall_id");
--> statement-breakpoint
ALTER TABLE "field_greetings" ADD CONSTRAINT "field_greetings_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_alerts" ADD CONSTRAINT "complaint_alerts_complaint_fk" FOREIGN KEY ("complaint_id","region_code") REFERENCES "public"."complaints"("id","region_code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_history" ADD CONSTRAINT "complaint_history_complaint_fk" FOREIGN KEY ("complaint_id","region_code") REFERENCES "public"."complaints"("id","region_code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "typical_cases" ADD CONSTRAINT "typical_cases_complaint_fk" FOREIGN KEY ("complaint_id","region_code") REFERENCES "public"."complaints"("id","region_code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_complaint_fk" FOREIGN KEY ("complaint_id","region_code") REFERENCES "public"."complaints"("id","region_code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_contacts" ADD CONSTRAINT "field_contacts_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_contracts" ADD CONSTRAINT "field_contracts_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "fault_alerts" ADD CONSTRAINT "fault_alerts_fault_fk" FOREIGN KEY ("fault_id","region_code") REFERENCES "public"."faults"("id","region_code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "fault_history" ADD CONSTRAINT "fault_history_fault_fk" FOREIGN KEY ("fault_id","region_code") REFERENCES "public"."faults"("id","region_code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_opportunities" ADD CONSTRAINT "field_opportunities_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_promises" ADD CONSTRAINT "field_promises_visit_record_fk" FOREIGN KEY ("visit_record_id","region_code") REFERENCES "public"."field_visit_records"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_visit_plans" ADD CONSTRAINT "field_visit_plans_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_visit_records" ADD CONSTRAINT "field_visit_records_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "counter_away_periods" ADD CONSTRAINT "counter_away_periods_counter_fk" FOREIGN KEY ("counter_id","hall_id") REFERENCES "public"."counters"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "counter_history" ADD CONSTRAINT "counter_history_counter_fk" FOREIGN KEY ("counter_id","hall_id") REFERENCES "public"."counters"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_ticket_fk" FOREIGN KEY ("ticket_id","hall_id") REFERENCES "public"."tickets"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "diversions" ADD CONSTRAINT "diversions_ticket_fk" FOREIGN KEY ("ticket_id","hall_id") REFERENCES "public"."tickets"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "visit_nodes" ADD CONSTRAINT "visit_nodes_visit_fk" FOREIGN KEY ("visit_id","hall_id") REFERENCES "public"."visits"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_history" ADD CONSTRAINT "ticket_history_ticket_fk" FOREIGN KEY ("ticket_id","hall_id") REFERENCES "public"."tickets"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_ticket_fk" FOREIGN KEY ("ticket_id","hall_id") REFERENCES "public"."tickets"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_visit_fk" FOREIGN KEY ("visit_id","hall_id") REFERENCES "public"."visits"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_counter_fk" FOREIGN KEY ("counter_id","hall_id") REFERENCES "public"."counters"("id","hall_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_service_orders" ADD CONSTRAINT "field_service_orders_customer_fk" FOREIGN KEY ("customer_id","region_code") REFERENCES "public"."field_customers"("id","region_code") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_roster_fk" FOREIGN KEY ("roster_id","hall_id") REFERENCES "public"."rosters"("id","hall_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_staff_fk" FOREIGN KEY ("staff_id","hall_id") REFERENCES "public"."staff_members"("id","hall_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "shift_swaps" ADD CONSTRAINT "shift_swaps_shift_fk" FOREIGN KEY ("shift_id","hall_id") REFERENCES "public"."roster_shifts"("id","hall_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "staff_absences" ADD CONSTRAINT "staff_absences_staff_fk" FOREIGN KEY ("staff_id","hall_id") REFERENCES "public"."staff_members"("id","hall_id") ON DELETE cascade ON UPDATE no action;
