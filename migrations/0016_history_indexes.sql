CREATE INDEX "complaints_hall_list_idx" ON "complaints" USING btree ("hall_id",coalesce(due_at, 'infinity'),"received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "complaints_region_list_idx" ON "complaints" USING btree ("region_code",coalesce(due_at, 'infinity'),"received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "faults_running_idx" ON "faults" USING btree ("recorded_at") WHERE state IN ('recorded', 'reported', 'repaired');--> statement-breakpoint
CREATE INDEX "field_visit_records_region_idx" ON "field_visit_records" USING btree ("region_code","at");--> statement-breakpoint
CREATE INDEX "tickets_hall_issued_idx" ON "tickets" USING btree ("hall_id","issued_at","id");--> statement-breakpoint
CREATE INDEX "tickets_visit_idx" ON "tickets" USING btree ("visit_id");