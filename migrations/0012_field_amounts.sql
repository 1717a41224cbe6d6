ALTER TABLE "field_contracts" ADD COLUMN "product" text;--> statement-breakpoint
ALTER TABLE "field_contracts" ADD COLUMN "amount" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "field_opportunities" ADD COLUMN "amount" numeric(14, 2);--> statement-breakpoint
-- Hand-written: an opportunity's whole-yuan estimate becomes its amount before the old column goes (0013).
UPDATE "field_opportunities" SET "amount" = "estimated_value" WHERE "estimated_value" IS NOT NULL;
