CREATE TABLE "certifications" (
	"hall_id" uuid NOT NULL,
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"quarter" text NOT NULL,
	"outcome" text NOT NULL,
	"certified" boolean NOT NULL,
	"reasons" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"evaluated_by" uuid,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certifications_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_quarter_uq" ON "certifications" USING btree ("hall_id","quarter");