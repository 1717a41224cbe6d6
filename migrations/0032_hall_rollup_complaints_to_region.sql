ALTER TABLE "hall_day_rollups" DROP COLUMN "complaints";--> statement-breakpoint
-- The closed days lack the new figures (peak warnings, diversions): the sweeper closes them again.
DELETE FROM "hall_day_rollups";--> statement-breakpoint
DELETE FROM "rollup_days";
