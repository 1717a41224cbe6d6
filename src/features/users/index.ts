import type { Feature } from "../../core/feature.js";
import { usersRoutes } from "./routes.js";
import { registerUserSweeps } from "./sweeps.js";

export const usersFeature: Feature = { name: "users", routes: usersRoutes, sweeps: registerUserSweeps };
