import type { Feature } from "../../core/feature.js";
import { reportRoutes } from "./routes.js";

export const reportsFeature: Feature = { name: "reports", routes: reportRoutes };
