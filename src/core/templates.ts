import { eq } from "drizzle-orm";
import { recordAudit } from "./audit.js";
import type { DbOrTx } from "./db.js";
import { AppError } from "./errors.js";
import { messageTemplates } from "./tables.js";

// R-NOTIFY: one template set for the messages customers get, in zh-CN, editable by the operator. Each
// template names the values it may use ({{hall}}, {{number}} …); an edited text may use those only, so a
// message never goes out with a placeholder nobody fills.

export const TEMPLATES = {
  near_turn: {
    label: "即将叫号提醒",
    vars: ["hall", "number", "ahead"],
    body: "【{{hall}}】您的{{number}}号前面还有{{ahead}}位，请留意叫号，及时到窗口办理。",
  },
  appointment_confirm: {
    label: "预约成功",
    vars: ["hall", "when", "business", "where"],
    body: "【{{hall}}】您已预约{{when}}办理{{business}}，请按时到厅{{where}}签到，届时优先为您叫号。",
  },
  appointment_day: {
    label: "预约前一天提醒",
    vars: ["hall", "when", "business", "where"],
    body: "【{{hall}}】温馨提醒：您预约了明天{{when}}办理{{business}}，请按时到厅{{where}}。",
  },
  appointment_hour: {
    label: "预约前一小时提醒",
    vars: ["hall", "when", "business", "where"],
    body: "【{{hall}}】温馨提醒：您预约的{{when}}{{business}}将在一小时后开始，请准时到厅签到。",
  },
  complaint_reply: {
    label: "投诉答复",
    vars: ["customer", "text"],
    body: "【投诉处理】{{customer}}您好，您的投诉答复：{{text}}",
  },
  complaint_contact: {
    label: "投诉进展",
    vars: ["customer", "text"],
    body: "【投诉处理】{{customer}}您好，您的投诉进展：{{text}}",
  },
  fault_progress: {
    label: "故障进展",
    vars: ["customer", "service", "text"],
    body: "【故障处理】{{customer}}您好，您的{{service}}故障进展：{{text}}",
  },
  divert_sms: {
    label: "短信分流",
    vars: ["hall", "number", "ahead", "business", "channels", "link"],
    body: "【{{hall}}】您的{{number}}号前面还有{{ahead}}位。“{{business}}”也可通过{{channels}}办理，无需等候{{link}}",
  },
} as const satisfies Record<string, { label: string; vars: readonly string[]; body: string }>;

export type TemplateCode = keyof typeof TEMPLATES;
type VarsOf<C extends TemplateCode> = Record<(typeof TEMPLATES)[C]["vars"][number], string | number>;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** A template's text with its values filled in. */
export function fill(body: string, vars: Record<string, string | number>): string {
  return body.replace(PLACEHOLDER, (_, name: string) => String(vars[name] ?? ""));
}

/**
 * A template's filler: the operator's text where there is one, the built-in one otherwise — read once
 * for a batch of messages (the near-turn SMS of one queue change, a diversion round).
 */
export async function templateFor<C extends TemplateCode>(db: DbOrTx, code: C) {
  const [own] = await db
    .select({ body: messageTemplates.body })
    .from(messageTemplates)
    .where(eq(messageTemplates.code, code))
    .limit(1);
  const body = own?.body ?? TEMPLATES[code].body;
  return (vars: VarsOf<C>) => fill(body, vars);
}

/** One message of a template. */
export async function renderTemplate<C extends TemplateCode>(db: DbOrTx, code: C, vars: VarsOf<C>) {
  return (await templateFor(db, code))(vars);
}

/** Every template with its built-in text and the operator's, if any. */
export async function listTemplates(db: DbOrTx) {
  const own = new Map((await db.select().from(messageTemplates)).map((r) => [r.code, r]));
  return (Object.keys(TEMPLATES) as TemplateCode[]).map((code) => {
    const t = TEMPLATES[code];
    const o = own.get(code);
    return {
      code,
      label: t.label,
      vars: [...t.vars],
      defaultBody: t.body,
      body: o?.body ?? t.body,
      edited: !!o,
      updatedAt: o?.updatedAt.toISOString() ?? null,
    };
  });
}

/** Sets (or, with null, resets) a template's text; names only its own values; on record. */
export async function setTemplate(
  db: DbOrTx,
  code: TemplateCode,
  body: string | null,
  actorId: string | null,
) {
  if (body !== null) {
    const unknown = [...body.matchAll(PLACEHOLDER)]
      .map((m) => m[1])
      .filter((v) => !(TEMPLATES[code].vars as readonly string[]).includes(v));
    if (unknown.length)
      throw new AppError(
        "invalid_input",
        `Unknown value(s) {{${unknown.join("}}, {{")}}}; use ${TEMPLATES[code].vars.join(", ")}`,
        {
          field: "body",
        },
      );
    await db
      .insert(messageTemplates)
      .values({ code, body, updatedBy: actorId, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: messageTemplates.code,
        set: { body, updatedBy: actorId, updatedAt: new Date() },
      });
  } else await db.delete(messageTemplates).where(eq(messageTemplates.code, code));
  await recordAudit(db, {
    actorId,
    action: body === null ? "template_reset" : "template_changed",
    subjectType: "message_template",
    subjectId: code,
    reason: body ?? undefined,
  });
}
