import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context.js";
import type { Feature } from "../../core/feature.js";
import { forecastRoutes } from "./forecast-routes.js";
import { rosterRoutes } from "./roster-routes.js";
import { staffingRoutes } from "./routes.js";
import { staffRoutes } from "./staff-routes.js";

async function routes(app: FastifyInstance, opts: { ctx: AppContext }) {
  await staffingRoutes(app, opts);
  await forecastRoutes(app, opts);
  await staffRoutes(app, opts);
  await rosterRoutes(app, opts);
}

export const staffFeature: Feature = { name: "staff", routes };
