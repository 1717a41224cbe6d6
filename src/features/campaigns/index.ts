import type { Feature } from "../../core/feature.js";
import { campaignRoutes } from "./routes.js";

export const campaignsFeature: Feature = { name: "campaigns", routes: campaignRoutes };
