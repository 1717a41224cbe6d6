CREATE TABLE "rating_links" (
	"hall_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_links_hall_id_ticket_id_pk" PRIMARY KEY("hall_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "channel" text DEFAULT 'pad' NOT NULL;--> statement-breakpoint
CREATE INDEX "rating_links_token_idx" ON "rating_links" USING btree ("token_hash");