import type { Feature } from "../../core/feature.js";
import { careRoutes } from "./routes.js";

export const careFeature: Feature = { name: "care", routes: careRoutes };
