ALTER TABLE "appointments" ADD COLUMN "reminded_day_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "reminded_hour_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "appointments_remind_idx" ON "appointments" USING btree ("slot_start") WHERE status = 'booked' AND (reminded_day_at IS NULL OR reminded_hour_at IS NULL);