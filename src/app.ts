import { existsSync } from "node:fs";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext, RateLimits } from "./core/context.js";
import type { Database } from "./core/db.js";
import type { Env } from "./core/env.js";
import { EventHub } from "./core/events/hub.js";
import { pruneEventsHourly } from "./core/events/prune.js";
import type { Feature } from "./core/feature.js";
import { authPlugin, errorHandler, sendError } from "./core/http.js";
import { answerUnavailableWhileClosing, clientErrorHandler, frameworkErrors } from "./core/http-errors.js";
import { idempotencyPlugin } from "./core/idempotency.js";
import { documentPublicRoutes, refuseBadText, refuseEmptyPatch, requireSignIn } from "./core/input.js";
import { loggerOptions } from "./core/log.js";
import { smtpAdapter } from "./core/mail.js";
import {
  deliverDue,
  eraseOldRecipients,
  logAdapter,
  type OutboxAdapter,
  webhookAdapter,
} from "./core/outbox.js";
import { ERASE_EVERY_MS, retentionCutoff } from "./core/retention.js";
import { registerSecurityHeaders } from "./core/security-headers.js";
import { httpSmsAdapter } from "./core/sms.js";
import { smsReceiptRoutes } from "./core/sms-routes.js";
import { paced, Sweeper } from "./core/sweeper.js";
import { templateRoutes } from "./core/template-routes.js";
import { calendarFeature } from "./features/calendar/index.js";
import { campaignsFeature } from "./features/campaigns/index.js";
import { careFeature } from "./features/care/index.js";
import { complaintsFeature } from "./features/complaints/index.js";
import { customersFeature } from "./features/customers/index.js";
import { faultsFeature } from "./features/faults/index.js";
import { fieldVisitsFeature } from "./features/field-visits/index.js";
import { hallsFeature } from "./features/halls/index.js";
import { intelFeature } from "./features/intel/index.js";
import { meetingsFeature } from "./features/meetings/index.js";
import { qualityFeature } from "./features/quality/index.js";
import { queueFeature } from "./features/queue/index.js";
import { reportsFeature } from "./features/reports/index.js";
import { serviceOrdersFeature } from "./features/service-orders/index.js";
import { siteFeature } from "./features/site/index.js";
import { staffFeature } from "./features/staff/index.js";
import { trainingFeature } from "./features/training/index.js";
import { usersFeature } from "./features/users/index.js";

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** A JSON body's text as it arrived. */
    rawBody?: string;
  }
}

export type BuildOptions = {
  database: Database;
  env: Env;
  logger?: boolean | object;
  /** Where the app's own logger writes (its level, redaction and scrubbing as in production); stdout when unset. */
  logStream?: Writable;
  limits?: Partial<RateLimits>;
  /** Start the sweeper's timer (tests run passes by hand with app.ctx.sweeper.runOnce()). */
  sweep?: boolean;
  outboxAdapter?: OutboxAdapter;
  /** An adapter per channel ahead of the fallback (tests: an SMTP adapter to a local server). */
  channelAdapters?: Partial<Record<"sms" | "email" | "webhook", OutboxAdapter>>;
  /** A read replica for reports (TINGWU_REPORTS_DATABASE_URL); the caller opens and closes it. */
  reportsDatabase?: Database;
};

/** The features, in the order their routes and sweeps are registered. */
const features: Feature[] = [
  usersFeature,
  calendarFeature,
  hallsFeature,
  complaintsFeature,
  faultsFeature,
  queueFeature,
  qualityFeature,
  reportsFeature,
  // The field CRM of rural agents and area managers, one feature per job.
  customersFeature,
  fieldVisitsFeature,
  careFeature,
  intelFeature,
  serviceOrdersFeature,
  staffFeature,
  // Running the hall (营业厅事务管理).
  campaignsFeature,
  siteFeature,
  meetingsFeature,
  trainingFeature,
];

const webDist = fileURLToPath(new URL("../dist/web", import.meta.url));

/** The whole application as a Fastify instance: core plugins first, then each feature, in a fixed order. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { database, env } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(env.TINGWU_LOG_LEVEL, options.logStream),
    genReqId: () => crypto.randomUUID(),
    // X-Forwarded-For only from the configured proxies (TINGWU_TRUSTED_PROXIES), else the socket's address.
    trustProxy: env.TINGWU_TRUSTED_PROXIES.length ? env.TINGWU_TRUSTED_PROXIES : false,
    // One log line per request (below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // The errors the router and Node's HTTP parser answer themselves, in the one shape too; and the 503 of
    // a request that arrives while the server closes (the hook below), not Fastify's own.
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
  });
  answerUnavailableWhileClosing(app);
  documentPublicRoutes(app);
  refuseBadText(app);
  refuseEmptyPatch(app);
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
  // The text is kept on the request: a signed body (an SMS gateway's receipt) is checked as it came.
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
    req.rawBody = body as string;
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
    reportsDb: options.reportsDatabase?.db ?? database.db,
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
  await app.register(async (docs) => {
    docs.addHook("onRoute", (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  });
  await app.register(authPlugin, { db: database.db });
  requireSignIn(app);
  await app.register(idempotencyPlugin, { ctx });

  const open = { public: true };
  app.get("/api/openapi.json", { config: open, schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { config: open, schema: { tags: ["health"] } }, async () => ({
    status: "ok",
    database: database.kind,
  }));

  for (const feature of features) await app.register(feature.routes, { ctx });
  await app.register(templateRoutes, { ctx });
  if (env.TINGWU_SMS_SECRET) await app.register(smsReceiptRoutes, { ctx, secret: env.TINGWU_SMS_SECRET });

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: "/", wildcard: false });
  }

  // The features' sweeps first, so that what a pass enqueues is delivered in the same pass.
  for (const feature of features) feature.sweeps?.(ctx);
  const fallback =
    options.outboxAdapter ??
    (env.TINGWU_OUTBOX_WEBHOOK ? webhookAdapter(env.TINGWU_OUTBOX_WEBHOOK) : logAdapter(app.log));
  const channels = {
    ...(env.TINGWU_SMTP_URL ? { email: smtpAdapter(env.TINGWU_SMTP_URL, env.TINGWU_MAIL_FROM) } : {}),
    ...(env.TINGWU_SMS_URL && env.TINGWU_SMS_SECRET
      ? { sms: httpSmsAdapter(env.TINGWU_SMS_URL, env.TINGWU_SMS_SECRET) }
      : {}),
    ...options.channelAdapters,
  };
  sweeper.add({ name: "outbox", run: () => deliverDue(database.db, channels, fallback) });
  sweeper.add({
    name: "outbox-retention",
    run: paced(ERASE_EVERY_MS, () => eraseOldRecipients(database.db, retentionCutoff(env))),
  });
  sweeper.add({
    name: "prune-events",
    run: pruneEventsHourly(database.db, env.TINGWU_EVENT_RETENTION_DAYS, app.log),
  });

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
