import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { adminRoutes } from "./core/admin-routes.js";
import { authRoutes } from "./core/auth-routes.js";
import type { AppContext, RateLimits } from "./core/context.js";
import type { Database } from "./core/db.js";
import type { Env } from "./core/env.js";
import { EventHub, pruneEventsHourly } from "./core/events.js";
import { authPlugin, errorHandler, sendError } from "./core/http.js";
import { deliverDue, logAdapter, type OutboxAdapter, webhookAdapter } from "./core/outbox.js";
import { registerSecurityHeaders } from "./core/security-headers.js";
import { Sweeper } from "./core/sweeper.js";
import { calendarRoutes } from "./features/calendar/routes.js";
import { complaintRoutes } from "./features/complaints/routes.js";
import { registerComplaintSweeps } from "./features/complaints/sweeps.js";
import { faultRoutes } from "./features/faults/routes.js";
import { registerFaultSweeps } from "./features/faults/sweeps.js";
import { fieldRoutes } from "./features/field/routes.js";
import { hallRoutes } from "./features/halls/routes.js";
import { qualityRoutes } from "./features/quality/routes.js";
import { queueRoutes } from "./features/queue/routes.js";
import { registerQueueSweeps } from "./features/queue/sweeps.js";
import { reportRoutes } from "./features/reports/routes.js";

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export type BuildOptions = {
  database: Database;
  env: Env;
  logger?: boolean | object;
  limits?: Partial<RateLimits>;
  /** Start the sweeper's timer (tests run passes by hand with app.ctx.sweeper.runOnce()). */
  sweep?: boolean;
  outboxAdapter?: OutboxAdapter;
};

const webDist = fileURLToPath(new URL("../dist/web", import.meta.url));

/** The whole application as a Fastify instance: core plugins first, then each feature, in a fixed order. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { database, env } = options;
  const app = Fastify({
    logger: options.logger ?? { level: env.TINGWU_LOG_LEVEL },
    genReqId: () => crypto.randomUUID(),
    trustProxy: true,
    // One log line per request (below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook("onResponse", async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        url: req.url.split("?")[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // An action without a body may still arrive as "application/json" with nothing in it: that is no body.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    if (body === "") return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error("The body is not valid JSON"), { statusCode: 400 }), undefined);
    }
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/") || req.method !== "GET" || !existsSync(webDist)) {
      return sendError(reply, 404, {
        error: { code: "not_found", message: `No route ${req.method} ${req.url.split("?")[0]}` },
      });
    }
    // The web app routes on the client: any other GET gets its index.html.
    return reply.sendFile("index.html", webDist);
  });

  const hub = new EventHub(database);
  const sweeper = new Sweeper(env.TINGWU_SWEEP_SECONDS * 1000, app.log);
  const ctx: AppContext = {
    database,
    db: database.db,
    env,
    hub,
    sweeper,
    limits: { loginPerMinute: 10, publicPerMinute: 30, kioskPerMinute: 600, ...options.limits },
  };
  app.decorate("ctx", ctx);

  await app.register(fastifyCookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Tingwu (厅务) API",
        version: "0.1.0",
        description: "Service operations for telecom business halls",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "tingwu_session" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  await app.register(authPlugin, { db: database.db });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { schema: { tags: ["health"] } }, async () => ({
    status: "ok",
    database: database.kind,
  }));

  await app.register(authRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(calendarRoutes, { ctx });
  await app.register(hallRoutes, { ctx });
  await app.register(complaintRoutes, { ctx });
  await app.register(faultRoutes, { ctx });
  await app.register(queueRoutes, { ctx });
  await app.register(qualityRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
  await app.register(fieldRoutes, { ctx });

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: "/", wildcard: false });
  }

  const fallback =
    options.outboxAdapter ??
    (env.TINGWU_OUTBOX_WEBHOOK ? webhookAdapter(env.TINGWU_OUTBOX_WEBHOOK) : logAdapter(app.log));
  sweeper.add({ name: "outbox", run: () => deliverDue(database.db, {}, fallback) });
  sweeper.add({
    name: "prune-events",
    run: pruneEventsHourly(database.db, env.TINGWU_EVENT_RETENTION_DAYS, app.log),
  });
  registerQueueSweeps(ctx);
  registerComplaintSweeps(ctx);
  registerFaultSweeps(ctx);

  app.addHook("onReady", async () => {
    await hub.start();
    if (options.sweep) sweeper.start();
  });
  app.addHook("onClose", async () => {
    sweeper.stop();
    await hub.stop();
  });
  return app;
}
