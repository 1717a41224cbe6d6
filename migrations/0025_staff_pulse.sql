CREATE TABLE "pulse_answers" (
	"hall_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"quarter" text NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	CONSTRAINT "pulse_answers_hall_id_id_pk" PRIMARY KEY("hall_id","id")
);
--> statement-breakpoint
CREATE TABLE "pulse_participants" (
	"hall_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "pulse_participants_hall_id_quarter_user_id_pk" PRIMARY KEY("hall_id","quarter","user_id")
);
--> statement-breakpoint
CREATE INDEX "pulse_answers_quarter_idx" ON "pulse_answers" USING btree ("hall_id","quarter");