import type { Feature } from "../../core/feature.js";
import { intelRoutes } from "./routes.js";

export const intelFeature: Feature = { name: "intel", routes: intelRoutes };
