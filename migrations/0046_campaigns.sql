CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"name" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"hall_ids" uuid[],
	"region_code" text,
	"business_types" text[] DEFAULT '{}' NOT NULL,
	"talking_points" jsonb NOT NULL,
	"faq" jsonb NOT NULL,
	"products" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "campaigns_period_idx" ON "campaigns" USING btree ("to_date","from_date");