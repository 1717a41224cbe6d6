import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "./context.js";

/**
 * What a feature gives the app: its routes (a Fastify plugin, handed the context) and, if it keeps time,
 * the sweeps it adds to ctx.sweeper. Each feature exports one from src/features/<name>/index.ts and
 * src/app.ts registers the list, in a fixed order.
 */
export type Feature = {
  name: string;
  routes: FastifyPluginAsync<{ ctx: AppContext }>;
  sweeps?: (ctx: AppContext) => void;
};
