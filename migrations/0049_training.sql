CREATE TABLE "training_attempts" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"correct" integer NOT NULL,
	"total" integer NOT NULL,
	"score" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attempts_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" uuid DEFAULT uuid_v7() NOT NULL,
	"hall_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"weak_business_types" text[] NOT NULL,
	"material" jsonb NOT NULL,
	"retest_at" date NOT NULL,
	"last_score" integer NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"passed_attempt_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"passed_at" timestamp with time zone,
	CONSTRAINT "training_plans_pkey" PRIMARY KEY("id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "training_questions" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"business_type" text NOT NULL,
	"text" text NOT NULL,
	"choices" jsonb NOT NULL,
	"answer" integer[] NOT NULL,
	"explanation" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_tests" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"name" text NOT NULL,
	"question_ids" uuid[] NOT NULL,
	"hall_id" uuid,
	"region_code" text,
	"due_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "training_attempts_test_idx" ON "training_attempts" USING btree ("test_id","at");--> statement-breakpoint
CREATE INDEX "training_attempts_person_idx" ON "training_attempts" USING btree ("hall_id","user_id","at");--> statement-breakpoint
CREATE INDEX "training_plans_hall_idx" ON "training_plans" USING btree ("hall_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "training_plans_open_uq" ON "training_plans" USING btree ("user_id","test_id","hall_id") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "training_questions_type_idx" ON "training_questions" USING btree ("business_type");