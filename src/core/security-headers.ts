import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

// Helmet's security headers (CSP, HSTS, nosniff, frame options, …) on every response. They do not vary
// by request here (no CSP nonces), so they are worked out once, at start: @fastify/helmet built helmet
// afresh for every request, about 4 % of the server's main thread on the queue benchmark.

/** The headers helmet sets for these options. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  // A response on no socket: helmet sets its headers on it, nothing is sent.
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  helmet(options)(req, res, () => {});
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)]));
}

export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const headers = securityHeaders(options);
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
