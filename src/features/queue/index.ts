import type { Feature } from "../../core/feature.js";
import { queueRoutes } from "./routes.js";
import { registerQueueSweeps } from "./sweeps.js";

export const queueFeature: Feature = { name: "queue", routes: queueRoutes, sweeps: registerQueueSweeps };
