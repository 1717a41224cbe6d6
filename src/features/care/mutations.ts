import { and, eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { AppError, notFound } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import type { GreetingOccasion } from "../customers/contract.js";
import { type CustomerRow, contactsOf } from "../customers/data.js";
import { greetingTemplate } from "./rules.js";
import { fieldGreetings } from "./tables.js";

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
        regionCode: customer.regionCode,
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
