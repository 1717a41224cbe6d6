import { inArray } from "drizzle-orm";
import { maskPhone } from "../../core/access.js";
import type { Db } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import type { GreetingOccasion } from "../customers/contract.js";
import { contactsOf, keyCustomers } from "../customers/data.js";
import type { FieldScope } from "../customers/scope.js";
import type { GreetingDue } from "./contract.js";
import { birthdayIn, festivalsBetween, greetingTemplate } from "./rules.js";
import { fieldGreetings } from "./tables.js";

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
  const customers = await keyCustomers(db, scope, agentId);
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
