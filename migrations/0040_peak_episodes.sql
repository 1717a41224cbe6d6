CREATE TABLE "peak_episodes" (
	"hall_id" uuid NOT NULL,
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"peak_level" integer NOT NULL,
	"peak_waiting" integer NOT NULL,
	"peak_at" timestamp with time zone DEFAULT now() NOT NULL,
	"area_notified_at" timestamp with time zone,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "peak_episodes_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE INDEX "peak_episodes_hall_idx" ON "peak_episodes" USING btree ("hall_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "peak_episodes_open_uq" ON "peak_episodes" USING btree ("hall_id") WHERE ended_at IS NULL;