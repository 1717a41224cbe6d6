ALTER TABLE "counters" ADD COLUMN "label_en" text;--> statement-breakpoint
ALTER TABLE "halls" ADD COLUMN "name_en" text;