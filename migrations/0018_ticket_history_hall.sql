-- A ticket's history row carries its hall (the distribution column, docs/scale.md): added, filled from
-- the tickets, then required.
ALTER TABLE "ticket_history" ADD COLUMN "hall_id" uuid;--> statement-breakpoint
UPDATE "ticket_history" h SET "hall_id" = t."hall_id" FROM "tickets" t WHERE t."id" = h."ticket_id";--> statement-breakpoint
ALTER TABLE "ticket_history" ALTER COLUMN "hall_id" SET NOT NULL;