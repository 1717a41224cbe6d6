import http from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, codeOfStatus, type ErrorCode } from "./errors.js";
import { errorHandler, sendError } from "./http.js";

// The errors Fastify's router and Node's HTTP parser answer before a route or the error handler is
// reached, in the one shape like every other error (Fastify's own defaults use another).

/** Fastify's `frameworkErrors`: a URL the router cannot decode, or a path parameter over `maxParamLength`. */
export function frameworkErrors(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.code === "FST_ERR_BAD_URL") {
    return sendError(reply, 400, {
      error: { code: "invalid_input", message: "The URL is not valid: a bad percent escape or not UTF-8" },
    });
  }
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return sendError(reply, 414, {
      error: { code: "uri_too_long", message: "A part of the URL is longer than any identifier here" },
    });
  }
  return errorHandler(error, req, reply);
}

const clientErrors: Record<string, [number, ErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "The request headers are too large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "request_timeout", "The request took too long to arrive"],
};

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (headers too large, a malformed
 * request line, a timeout) before there is a request object, so the answer is written on the socket.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message] = clientErrors[err.code ?? ""] ?? [
    400,
    codeOfStatus(400),
    "The request is not valid HTTP",
  ];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * With `return503OnClosing: false`: a request that arrives on an open connection once the server has begun
 * to close gets 503 in the one shape (Fastify's own is written raw, in its shape).
 */
export function answerUnavailableWhileClosing(app: FastifyInstance) {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async () => {
    if (closing) throw new AppError("unavailable", "The server is shutting down; try again");
  });
}
