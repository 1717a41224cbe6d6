CREATE TABLE "quality_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_imports" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"periods" text[] NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_results" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"import_id" uuid NOT NULL,
	"period" text NOT NULL,
	"scope" text NOT NULL,
	"segment" text DEFAULT '' NOT NULL,
	"carrier" text NOT NULL,
	"sample_size" integer NOT NULL,
	"scores" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_results" ADD CONSTRAINT "survey_results_import_id_survey_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."survey_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_results_once_uq" ON "survey_results" USING btree ("period","scope","segment","carrier");