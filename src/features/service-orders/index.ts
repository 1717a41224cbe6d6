import type { Feature } from "../../core/feature.js";
import { serviceOrderRoutes } from "./routes.js";

export const serviceOrdersFeature: Feature = { name: "service-orders", routes: serviceOrderRoutes };
