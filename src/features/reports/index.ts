import type { Feature } from "../../core/feature.js";
import { reportRoutes } from "./routes.js";
import { registerReportSweeps } from "./sweeps.js";

export const reportsFeature: Feature = {
  name: "reports",
  routes: reportRoutes,
  sweeps: registerReportSweeps,
};
