import { and, eq, inArray } from "drizzle-orm";
import { maskPhone } from "../../core/access.js";
import type { Db } from "../../core/db.js";
import { AppError, notFound } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import type { GreetingDue } from "./care-contract.js";
import type { GreetingOccasion } from "./contract.js";
import { type CustomerRow, contactsOf, regionFilter } from "./data.js";
import { midAutumn, springFestival } from "./lunar.js";
import type { FieldScope } from "./scope.js";
import { fieldCustomers, fieldGreetings } from "./tables.js";

// R-CARE (RA 2.1.3 节假日关怀): New Year, Spring Festival and Mid-Autumn for government/enterprise and key
// customers, and the birthdays of their decision-makers (决策人) and of key customers' contacts.
const festivalWords: Record<GreetingOccasion, string> = {
  new_year: "元旦",
  spring_festival: "春节",
  mid_autumn: "中秋",
  birthday: "生日",
};

export function greetingTemplate(occasion: GreetingOccasion, name: string): string {
  const wish = occasion === "birthday" ? "生日快乐，身体健康" : `${festivalWords[occasion]}快乐，阖家幸福`;
  return `尊敬的${name}：值此${festivalWords[occasion]}之际，中国电信祝您${wish}！感谢您一直以来对中国电信的支持。`;
}

export function festivalsBetween(from: string, to: string): { occasion: GreetingOccasion; date: string }[] {
  const out: { occasion: GreetingOccasion; date: string }[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    out.push({ occasion: "new_year", date: `${y}-01-01` });
    out.push({ occasion: "spring_festival", date: springFestival(y) });
    out.push({ occasion: "mid_autumn", date: midAutumn(y) });
  }
  return out.filter((f) => f.date >= from && f.date <= to).sort((a, b) => a.date.localeCompare(b.date));
}

/** The date of a "MM-DD" birthday in a year; 29 February falls on the 28th in common years. */
export function birthdayIn(year: number, monthDay: string): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === "02-29" && !leap ? `${year}-02-28` : `${year}-${monthDay}`;
}

export async function greetingsDue(
  db: Db,
  scope: FieldScope,
  from: string,
  to: string,
  agentId?: string,
): Promise<GreetingDue[]> {
  if (to < from) throw new AppError("invalid_input", "to is before from");
  if (Date.parse(to) - Date.parse(from) > 400 * 86_400_000)
    throw new AppError("invalid_input", "At most 400 days");
  const customers = await db
    .select()
    .from(fieldCustomers)
    .where(
      and(
        regionFilter(scope, fieldCustomers.regionCode),
        inArray(fieldCustomers.tier, ["gov_enterprise", "key"]),
        agentId ? eq(fieldCustomers.agentId, agentId) : undefined,
      ),
    );
  const contacts = await contactsOf(
    db,
    customers.map((c) => c.id),
  );
  const greeted = customers.length
    ? await db
        .select()
        .from(fieldGreetings)
        .where(
          inArray(
            fieldGreetings.customerId,
            customers.map((c) => c.id),
          ),
        )
    : [];
  const wasGreeted = (customerId: string, contactKey: string, occasion: GreetingOccasion, date: string) =>
    greeted.some(
      (g) =>
        g.customerId === customerId &&
        g.contactKey === contactKey &&
        g.occasion === occasion &&
        g.year === Number(date.slice(0, 4)),
    );
  const out: GreetingDue[] = [];
  const festivals = festivalsBetween(from, to);
  for (const c of customers) {
    const mine = contacts.filter((k) => k.customerId === c.id);
    // Festivals go to the decision-maker, else the first contact, else the customer's own number.
    const to1 = mine.find((k) => k.decisionMaker) ?? mine[0] ?? null;
    for (const f of festivals) {
      const name = to1?.name ?? c.name;
      out.push({
        occasion: f.occasion,
        date: f.date,
        customerId: c.id,
        customerName: c.name,
        tier: c.tier,
        contactId: to1?.id ?? null,
        contactName: to1?.name ?? null,
        phone: maskPhone(to1?.phone ?? c.phone),
        agentId: c.agentId,
        greeted: wasGreeted(c.id, to1?.id ?? "", f.occasion, f.date),
        template: greetingTemplate(f.occasion, name),
      });
    }
    for (const k of mine) {
      if (!k.birthday || !(k.decisionMaker || c.tier === "key")) continue;
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
        const date = birthdayIn(y, k.birthday);
        if (date < from || date > to) continue;
        out.push({
          occasion: "birthday",
          date,
          customerId: c.id,
          customerName: c.name,
          tier: c.tier,
          contactId: k.id,
          contactName: k.name,
          phone: maskPhone(k.phone),
          agentId: c.agentId,
          greeted: wasGreeted(c.id, k.id, "birthday", date),
          template: greetingTemplate("birthday", k.name),
        });
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.customerName.localeCompare(b.customerName));
}

/**
 * A greeting on record; by SMS it goes through the outbox in the same transaction, under a dedupe key of
 * (customer, contact, occasion, year), so a double tap or a retried request sends one message.
 */
export async function greet(
  db: Db,
  customer: CustomerRow,
  agentId: string | null,
  input: {
    contactId?: string;
    occasion: GreetingOccasion;
    year: number;
    channel: "sms" | "phone" | "visit";
    message?: string;
  },
) {
  const contact = input.contactId
    ? (await contactsOf(db, [customer.id])).find((k) => k.id === input.contactId)
    : null;
  if (input.contactId && !contact) throw notFound("Contact");
  const phone = contact ? contact.phone : customer.phone;
  if (input.channel === "sms" && !phone)
    throw new AppError("rule_violation", "No phone number to send the SMS to");
  const contactKey = contact?.id ?? "";
  return db.transaction(async (tx) => {
    const [g] = await tx
      .insert(fieldGreetings)
      .values({
        customerId: customer.id,
        contactKey,
        occasion: input.occasion,
        year: input.year,
        channel: input.channel,
        agentId,
      })
      .onConflictDoNothing()
      .returning();
    const row =
      g ??
      (
        await tx
          .select()
          .from(fieldGreetings)
          .where(
            and(
              eq(fieldGreetings.customerId, customer.id),
              eq(fieldGreetings.contactKey, contactKey),
              eq(fieldGreetings.occasion, input.occasion),
              eq(fieldGreetings.year, input.year),
            ),
          )
      )[0];
    if (row.channel === "sms") {
      await enqueueMessage(tx, {
        channel: "sms",
        recipient: phone!,
        body: input.message ?? greetingTemplate(input.occasion, contact?.name ?? customer.name),
        payload: {
          kind: "field.greeting",
          customerId: customer.id,
          occasion: input.occasion,
          year: input.year,
        },
        dedupeKey: `field-greeting:${customer.id}:${contactKey}:${input.occasion}:${input.year}`,
      });
    }
    return {
      id: row.id,
      customerId: customer.id,
      contactId: contact?.id ?? null,
      occasion: row.occasion,
      year: row.year,
      channel: row.channel,
      at: row.at.toISOString(),
      smsQueued: row.channel === "sms",
    };
  });
}
