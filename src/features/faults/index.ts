import type { Feature } from "../../core/feature.js";
import { faultRoutes } from "./routes.js";
import { registerFaultSweeps } from "./sweeps.js";

export const faultsFeature: Feature = { name: "faults", routes: faultRoutes, sweeps: registerFaultSweeps };
