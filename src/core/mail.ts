import nodemailer from "nodemailer";
import {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  deliveryKey,
  type OutboxAdapter,
  type OutboxMessage,
} from "./outbox.js";

// E-mail out of the outbox over SMTP (nodemailer): the scheduled reports with their workbook attached.
// A message's payload may carry a subject and attachments (base64), as the reports' schedule writes them.

export type MailPayload = {
  subject?: string;
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
};

const payloadOf = (m: OutboxMessage): MailPayload =>
  m.payload && typeof m.payload === "object" ? (m.payload as MailPayload) : {};

export function smtpAdapter(
  url: string,
  from: string,
  timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
): OutboxAdapter {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    auth: u.username
      ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
      : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    timeoutMs,
    async deliver(m) {
      const p = payloadOf(m);
      await transport.sendMail({
        from,
        to: m.recipient,
        subject: p.subject ?? "Tingwu 厅务",
        text: m.body,
        // The outbox's delivery key: a message sent again after a crash is recognisably the same.
        messageId: `<${deliveryKey(m)}@tingwu>`,
        attachments: (p.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, "base64"),
        })),
      });
    },
  };
}
