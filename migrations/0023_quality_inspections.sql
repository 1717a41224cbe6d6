CREATE TABLE "checklists" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"items" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_assignments" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"inspector_id" uuid NOT NULL,
	"checklist_family_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"inspection_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_assignments_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_photos" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_photos_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"checklist_id" uuid NOT NULL,
	"checklist_family_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"inspector_id" uuid,
	"assignment_id" uuid,
	"score" double precision NOT NULL,
	"scores" jsonb NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "checklists_version_uq" ON "checklists" USING btree ("family_id","version");--> statement-breakpoint
CREATE INDEX "inspection_assignments_inspector_idx" ON "inspection_assignments" USING btree ("inspector_id","status","due_date");--> statement-breakpoint
CREATE INDEX "inspections_hall_idx" ON "inspections" USING btree ("hall_id","at");--> statement-breakpoint
CREATE INDEX "inspections_region_idx" ON "inspections" USING btree ("region_code","at");--> statement-breakpoint
CREATE INDEX "inspections_id_idx" ON "inspections" USING btree ("id");