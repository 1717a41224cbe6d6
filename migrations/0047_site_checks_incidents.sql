CREATE TABLE "incident_entries" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"incident_id" uuid NOT NULL,
	"hall_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"by" uuid,
	CONSTRAINT "incident_entries_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"people" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"police_notified_at" timestamp with time zone,
	"police_reference" text,
	"security_notified_at" timestamp with time zone,
	"security_reference" text,
	"fault_id" uuid,
	"closure" jsonb,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "site_checks" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" uuid,
	"items" jsonb NOT NULL,
	"failed" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_checks_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "site_tasks" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"check_id" uuid,
	"item" text NOT NULL,
	"device_id" uuid,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"done_note" text,
	CONSTRAINT "site_tasks_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_incident_fk" FOREIGN KEY ("incident_id","hall_id") REFERENCES "public"."incidents"("id","hall_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_tasks" ADD CONSTRAINT "site_tasks_check_fk" FOREIGN KEY ("check_id","hall_id") REFERENCES "public"."site_checks"("id","hall_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_entries_incident_idx" ON "incident_entries" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incidents_hall_idx" ON "incidents" USING btree ("hall_id","occurred_at");--> statement-breakpoint
CREATE INDEX "site_checks_hall_idx" ON "site_checks" USING btree ("hall_id","at");--> statement-breakpoint
CREATE INDEX "site_tasks_hall_idx" ON "site_tasks" USING btree ("hall_id","state","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_tasks_open_device_uq" ON "site_tasks" USING btree ("device_id","hall_id") WHERE state = 'open' AND device_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "devices_seen_idx" ON "devices" USING btree ("last_seen_at") WHERE revoked_at IS NULL;