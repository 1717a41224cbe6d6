import type { Feature } from "../../core/feature.js";
import { calendarRoutes } from "./routes.js";

export const calendarFeature: Feature = { name: "calendar", routes: calendarRoutes };
