import type { Feature } from "../../core/feature.js";
import { customerRoutes } from "./routes.js";
import { registerCustomerSweeps } from "./sweeps.js";

export const customersFeature: Feature = {
  name: "customers",
  routes: customerRoutes,
  sweeps: registerCustomerSweeps,
};
