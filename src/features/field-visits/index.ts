import type { Feature } from "../../core/feature.js";
import { fieldVisitRoutes } from "./routes.js";
import { registerVisitSweeps } from "./sweeps.js";

export const fieldVisitsFeature: Feature = {
  name: "field-visits",
  routes: fieldVisitRoutes,
  sweeps: registerVisitSweeps,
};
