import { z } from "zod";

// The one place that reads process.env (STYLE: environment parsed once, with zod).

const proxyShapes = z.union([
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.enum(["loopback", "linklocal", "uniquelocal"]),
]);
// The reverse proxies / load balancers whose X-Forwarded-For is believed: without one, a client could
// name any address it likes and so dodge every per-address limit.
const trustedProxies = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().superRefine((v, ctx) => {
        if (!proxyShapes.safeParse(v).success)
          ctx.addIssue({
            code: "custom",
            message: `"${v}" is not an IP address, a CIDR range (10.0.0.0/8) or loopback, linklocal, uniquelocal`,
          });
      }),
    ),
  );
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  // A read replica of DATABASE_URL for reports (issue 15); they close a missing day on the primary.
  TINGWU_REPORTS_DATABASE_URL: z.string().url().optional(),
  // Scheduled reports by e-mail: an SMTP server (smtp://user:pass@host:587, smtps://…); unset, the log.
  TINGWU_SMTP_URL: z.string().url().optional(),
  TINGWU_MAIL_FROM: z.string().default("Tingwu 厅务 <reports@tingwu.local>"),
  // The local hour from which yesterday's, last week's and last month's reports go out.
  TINGWU_REPORT_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  TINGWU_DATA_DIR: z.string().default("./data"),
  TINGWU_ADMIN_PASSWORD: z.string().min(8).optional(),
  TINGWU_DEMO: z.enum(["0", "1"]).default("1"),
  TINGWU_TIMEZONE: z.string().default("Asia/Shanghai"),
  TINGWU_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TINGWU_SESSION_HOURS: z.coerce.number().positive().default(12),
  TINGWU_OUTBOX_WEBHOOK: z.string().url().optional(),
  // SMS over an HTTP gateway (core/sms.ts): its URL and the secret both sides sign with.
  TINGWU_SMS_URL: z.string().url().optional(),
  TINGWU_SMS_SECRET: z.string().min(16).optional(),
  TINGWU_SWEEP_SECONDS: z.coerce.number().positive().default(5),
  TINGWU_EVENT_RETENTION_DAYS: z.coerce.number().positive().default(7),
  // R-PRIVACY: days a closed record keeps its customer's phone number (core/retention.ts).
  TINGWU_PHONE_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  TINGWU_TRUSTED_PROXIES: trustedProxies,
  // The address customers reach Tingwu at: the links sent by SMS (a rating after service) start with it.
  TINGWU_PUBLIC_URL: z.string().url().optional(),
  // R-DIVERT by SMS: the operator's online hall (网上营业厅), linked in the diversion SMS to customers far back.
  TINGWU_ONLINE_HALL_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Where customers reach Tingwu from outside: TINGWU_PUBLIC_URL, else this server's own address. */
export const publicUrlOf = (env: Env): string =>
  (env.TINGWU_PUBLIC_URL ?? `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`).replace(
    /\/$/,
    "",
  );

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema
    .refine((e) => !e.TINGWU_SMS_URL || e.TINGWU_SMS_SECRET, {
      path: ["TINGWU_SMS_SECRET"],
      message: "TINGWU_SMS_URL needs TINGWU_SMS_SECRET (at least 16 characters) to sign with",
    })
    .safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
