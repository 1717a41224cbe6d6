CREATE TABLE "improvement_plans" (
	"region_code" text NOT NULL,
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"source" text NOT NULL,
	"code" text NOT NULL,
	"carrier" text,
	"baseline" double precision NOT NULL,
	"target" double precision NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" text NOT NULL,
	"actions" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_plans_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE INDEX "improvement_plans_scope_idx" ON "improvement_plans" USING btree ("scope","period");--> statement-breakpoint
CREATE INDEX "improvement_plans_id_idx" ON "improvement_plans" USING btree ("id");