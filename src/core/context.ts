import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database, Db } from "./db.js";
import type { Env } from "./env.js";
import type { EventHub } from "./events/hub.js";
import type { Sweeper } from "./sweeper.js";

/** What every feature's routes receive: the database, config, live events and the sweeper. */
export interface AppContext {
  database: Database;
  db: Db;
  /** Where reports read: a streaming replica when TINGWU_REPORTS_DATABASE_URL is set, else `db`. */
  reportsDb: Db;
  env: Env;
  hub: EventHub;
  sweeper: Sweeper;
  limits: RateLimits;
}

export type RateLimits = { loginPerMinute: number; publicPerMinute: number; kioskPerMinute: number };

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The error statuses a route documents in OpenAPI, all in the one shape. */
export const errors = (...statuses: (400 | 401 | 403 | 404 | 409 | 422 | 429)[]) =>
  Object.fromEntries(statuses.map((s) => [s, errorSchema]));

/** The `:id` of a record's own path (/api/…/:id), a uuid: anything else is a 400 before any lookup. */
export const idParams = z.object({ id: z.uuid() });
