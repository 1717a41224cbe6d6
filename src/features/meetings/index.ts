import type { Feature } from "../../core/feature.js";
import { meetingRoutes } from "./routes.js";

export const meetingsFeature: Feature = { name: "meetings", routes: meetingRoutes };
