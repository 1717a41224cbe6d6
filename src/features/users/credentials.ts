import type { FastifyInstance } from "fastify";
import type { EventHub } from "../../core/events/hub.js";

/**
 * A credential ended here — a logout, a device revoked, a person deactivated or given a new password:
 * this instance forgets it at once and ends its open streams. Other instances forget it within their
 * auth cache's few seconds and end their streams at the hub's next re-check.
 */
export function credentialEnded(
  app: FastifyInstance,
  hub: EventHub,
  match: { token: string } | { principalId: string; exceptToken?: string },
) {
  if ("token" in match) app.forgetToken(match.token);
  else app.forgetPrincipal(match.principalId);
  hub.endStreams(match);
}
