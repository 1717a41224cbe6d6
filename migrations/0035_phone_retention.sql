CREATE INDEX "outbox_retention_idx" ON "outbox" USING btree ("created_at") WHERE channel = 'sms' AND status <> 'pending' AND recipient <> '';--> statement-breakpoint
CREATE INDEX "complaints_retention_idx" ON "complaints" USING btree ("closed_at") WHERE customer_phone <> '';--> statement-breakpoint
CREATE INDEX "faults_retention_idx" ON "faults" USING btree ("closed_at") WHERE customer_phone <> '';--> statement-breakpoint
CREATE INDEX "appointments_retention_idx" ON "appointments" USING btree ("slot_end") WHERE phone <> '';--> statement-breakpoint
CREATE INDEX "tickets_retention_idx" ON "tickets" USING btree ("service_date") WHERE phone IS NOT NULL;