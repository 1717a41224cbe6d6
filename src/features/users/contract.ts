import { z } from "zod";
import { capabilityNames, roles } from "../../core/access.js";

// Request and response shapes of the users feature: people, devices, sign-in and sign-in locks.

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  hallId: z.uuid().nullable(),
  regionCode: z.string().nullable(),
  /** Where the scheduled reports of this person's scope go (daily, weekly or monthly by role). */
  email: z.string().nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const createUserBody = z.object({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,40}$/, "3–40 letters, digits, _ . -"),
  displayName: z.string().trim().min(1).max(60),
  password: z.string().min(8).max(200),
  role: z.enum(roles),
  hallId: z.uuid().nullable().optional(),
  regionCode: z.string().nullable().optional(),
  email: z.email().max(120).nullable().optional(),
});
export const updateUserBody = createUserBody
  .omit({ username: true })
  .partial()
  .extend({ active: z.boolean().optional() });

export const deviceKinds = ["kiosk", "display", "pad"] as const;
export const deviceSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  counterId: z.uuid().nullable(),
  kind: z.enum(deviceKinds),
  label: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  // Its last request or open stream, to the minute (null: never used).
  lastSeenAt: z.string().nullable(),
});
export const createDeviceBody = z.object({
  kind: z.enum(deviceKinds),
  label: z.string().trim().min(1).max(60),
  counterId: z.uuid().optional(),
});

export const credentials = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const principalSchema = z.union([
  z.object({
    kind: z.literal("user"),
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    hallId: z.uuid().nullable(),
    regionCode: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("device"),
    id: z.uuid(),
    deviceKind: z.string(),
    hallId: z.uuid(),
    counterId: z.uuid().nullable(),
  }),
]);
const scopeKinds = ["operator", "region", "hall"] as const;
export const meSchema = z.object({
  principal: principalSchema,
  // What the principal may do (src/core/access.ts, the one table): the browser offers screens, tabs and
  // buttons from these and keeps no role list of its own. The server still checks every request.
  capabilities: z.array(z.enum(capabilityNames)),
  // Where those capabilities apply: a hall's people in their hall, a region's in its halls, the
  // operator's (and its inspectors) everywhere; a device in its hall.
  scope: z.object({
    kind: z.enum([...scopeKinds, "device"]),
    hallId: z.uuid().nullable(),
    regionCode: z.string().nullable(),
  }),
  // Each role and the scope it is given (R-ROLE): what a user form needs to ask for a hall or a region.
  roles: z.array(z.object({ role: z.enum(roles), scope: z.enum(scopeKinds) })),
  csrfToken: z.string().nullable(),
});

export const lockSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["username", "address"]),
  subject: z.string().describe("The username tried (known or not), or the client's address"),
  lockedUntil: z.string(),
  retryAfterSeconds: z.number().int(),
  lockouts: z.number().int().describe("Locks in a row: the next one lasts twice as long"),
});
