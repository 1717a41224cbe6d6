import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context.js";
import type { Feature } from "../../core/feature.js";
import { siteCheckRoutes } from "./check-routes.js";
import { incidentRoutes } from "./incident-routes.js";
import { registerSiteSweeps } from "./sweeps.js";
import { siteTaskRoutes } from "./task-routes.js";

async function siteRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  await siteCheckRoutes(app, opts);
  await siteTaskRoutes(app, opts);
  await incidentRoutes(app, opts);
}

export const siteFeature: Feature = { name: "site", routes: siteRoutes, sweeps: registerSiteSweeps };
