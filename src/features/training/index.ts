import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context.js";
import type { Feature } from "../../core/feature.js";
import { attemptRoutes } from "./attempt-routes.js";
import { trainingRoutes } from "./routes.js";

async function routes(app: FastifyInstance, opts: { ctx: AppContext }) {
  // The bank's import registers multipart in its own encapsulated plugin.
  await app.register(trainingRoutes, opts);
  await attemptRoutes(app, opts);
}

export const trainingFeature: Feature = { name: "training", routes };
