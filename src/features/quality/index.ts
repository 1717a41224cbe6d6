import type { Feature } from "../../core/feature.js";
import { qualityRoutes } from "./routes.js";

export const qualityFeature: Feature = { name: "quality", routes: qualityRoutes };
