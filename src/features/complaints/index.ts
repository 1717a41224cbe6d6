import type { Feature } from "../../core/feature.js";
import { complaintRoutes } from "./routes.js";
import { registerComplaintSweeps } from "./sweeps.js";

export const complaintsFeature: Feature = {
  name: "complaints",
  routes: complaintRoutes,
  sweeps: registerComplaintSweeps,
};
