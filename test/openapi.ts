import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";

// The app's operations as its OpenAPI document states them, and values their schemas accept: the route
// tests (bad-input, fuzz) walk every operation from here, so a new route is covered without a new test.

export type Schema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
export type Param = { in: "path" | "query"; name: string; required?: boolean; schema: Schema };
export type Operation = {
  method: string;
  path: string;
  params: Param[];
  body?: { required: boolean; schema: Schema };
  /** Routes anyone may call (the document's `security: []`). */
  public: boolean;
};

export const label = (op: Operation) => `${op.method} ${op.path}`;
export const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type);

/** Every operation of the app's OpenAPI document. */
export async function readOperations(app: FastifyInstance): Promise<Operation[]> {
  return operationsOf((await app.inject({ method: "GET", url: "/api/openapi.json" })).json());
}

/** Every operation of an OpenAPI document (GET /api/openapi.json). */
export function operationsOf(doc: { paths: unknown }): Operation[] {
  return Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
    ([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => {
        const requestBody = op.requestBody as
          | { required?: boolean; content?: Record<string, { schema: Schema }> }
          | undefined;
        const body = requestBody?.content?.["application/json"];
        return {
          method: method.toUpperCase(),
          path,
          params: (op.parameters as Param[] | undefined) ?? [],
          body: body ? { required: !!requestBody?.required, schema: body.schema } : undefined,
          public: Array.isArray(op.security) && op.security.length === 0,
        };
      }),
  );
}

/** The properties of an object schema (or of the object branch of a union). */
export const propertiesOf = (s: Schema): Record<string, Schema> =>
  s.properties ??
  (s.anyOf ?? s.oneOf)?.find((a) => a.properties)?.properties ??
  s.allOf?.find((a) => a.properties)?.properties ??
  {};

/** A value the schema accepts (as far as JSON Schema can say; refinements are not visible here). */
export function sample(s: Schema): unknown {
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => typeOf(a) !== "null") ?? alt[0]);
  if (s.allOf) return sample(Object.assign({}, ...s.allOf));
  if ("const" in s) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case "object":
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case "integer":
    case "number": {
      const min =
        typeof s.exclusiveMinimum === "number"
          ? s.exclusiveMinimum + 1
          : (s.minimum ?? 1) + (s.exclusiveMinimum ? 1 : 0);
      return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case "boolean":
      return false;
    case "string":
      return sampleString(s);
    default:
      return "x";
  }
}

/** A body that changes something: the sample, or for a PATCH whose fields are all optional, one simple field. */
export function sampleChange(s: Schema): unknown {
  const body = sample(s);
  if (typeof body !== "object" || body === null || Object.keys(body).length > 0) return body;
  const simple = Object.entries(propertiesOf(s)).find(([, p]) =>
    ["string", "boolean", "integer", "number"].includes(typeOf(p) ?? ""),
  );
  return simple ? { [simple[0]]: sample(simple[1]) } : body;
}

function sampleString(s: Schema): string {
  if (s.format === "uuid") return randomUUID();
  if (s.format === "date-time") return new Date(Date.now() + 86_400_000).toISOString();
  if (s.format === "date") return "2026-12-01";
  if (s.format === "email") return "someone@example.com";
  if (s.pattern === "^\\d{4}-\\d{2}-\\d{2}$") return "2026-12-01";
  if (s.pattern) {
    const fits = (v: string) =>
      v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Number.MAX_SAFE_INTEGER);
    return fc.sample(fc.stringMatching(new RegExp(s.pattern)), { numRuns: 50, seed: 42 }).find(fits) ?? "x";
  }
  return "x".repeat(Math.max(1, s.minLength ?? 1));
}

/** Whether a response is an error in the one shape `{error: {code, message, details?}}` and nothing else. */
export function isErrorShape(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Object.keys(body).join() !== "error") return false;
  const e = (body as { error: unknown }).error;
  if (typeof e !== "object" || e === null) return false;
  const keys = Object.keys(e);
  const { code, message } = e as { code?: unknown; message?: unknown };
  return (
    typeof code === "string" &&
    /^[a-z_]+$/.test(code) &&
    typeof message === "string" &&
    message.length > 0 &&
    keys.every((k) => k === "code" || k === "message" || k === "details")
  );
}
