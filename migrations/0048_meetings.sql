CREATE TABLE "meeting_confirmations" (
	"meeting_id" uuid NOT NULL,
	"hall_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_confirmations_pkey" PRIMARY KEY("meeting_id","user_id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"agenda" jsonb NOT NULL,
	"notices" jsonb NOT NULL,
	"campaigns" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "meetings_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_confirmations" ADD CONSTRAINT "meeting_confirmations_meeting_fk" FOREIGN KEY ("meeting_id","hall_id") REFERENCES "public"."meetings"("id","hall_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_hall_day_uq" ON "meetings" USING btree ("hall_id","meeting_date");