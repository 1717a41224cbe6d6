import { and, eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { AppError, illegalState } from "../../core/errors.js";
import type { CustomerRow } from "../customers/data.js";
import { fourNotices } from "./contract.js";
import { type OrderRow, presentServiceOrder } from "./data.js";
import { orderMismatches } from "./rules.js";
import { fieldServiceOrders } from "./tables.js";

export async function createServiceOrder(
  db: Db,
  customer: CustomerRow,
  agentId: string | null,
  input: {
    kind: OrderRow["kind"];
    orderName: string;
    orderAddress: string;
    orderTier: OrderRow["orderTier"];
  },
) {
  const [o] = await db
    .insert(fieldServiceOrders)
    .values({
      ...input,
      customerId: customer.id,
      regionCode: customer.regionCode,
      agentId: agentId ?? customer.agentId,
    })
    .returning();
  return presentServiceOrder(o);
}

/** 施工前客户资料核对: mismatches are recorded and flagged back; the order may go on after a check. */
export async function checkServiceOrder(
  db: Db,
  order: OrderRow,
  found: { name: string; address: string; tier: OrderRow["orderTier"] },
) {
  if (order.status === "signed") throw illegalState("service order", order.status, "check");
  const mismatches = orderMismatches(order, found);
  const [o] = await db
    .update(fieldServiceOrders)
    .set({ status: "checked", mismatches })
    .where(eq(fieldServiceOrders.id, order.id))
    .returning();
  return presentServiceOrder(o);
}

export async function signServiceOrder(
  db: Db,
  order: OrderRow,
  input: { form: "work_sheet" | "quality_form"; signature: string; noticesTold: string[] },
  now = new Date(),
) {
  if (order.status !== "checked") throw illegalState("service order", order.status, "sign");
  const missing = fourNotices.filter((n) => !input.noticesTold.includes(n));
  if (missing.length > 0) {
    throw new AppError("rule_violation", "Tell the customer all four notices before signing", { missing });
  }
  const bytes = Buffer.from(input.signature.slice(input.signature.indexOf(",") + 1), "base64");
  // A signature is an image of some size: an empty canvas is a few hundred bytes of PNG.
  if (bytes.length < 100) throw new AppError("invalid_input", "The signature is empty");
  const [o] = await db
    .update(fieldServiceOrders)
    .set({
      status: "signed",
      signatureForm: input.form,
      signature: bytes,
      signedAt: now,
      noticesTold: [...new Set(input.noticesTold)],
    })
    .where(and(eq(fieldServiceOrders.id, order.id), eq(fieldServiceOrders.status, "checked")))
    .returning();
  if (!o) throw illegalState("service order", "signed", "sign");
  return presentServiceOrder(o);
}
