DROP INDEX "hall_day_rollups_region_idx";--> statement-breakpoint
DROP INDEX "hall_month_rollups_region_idx";