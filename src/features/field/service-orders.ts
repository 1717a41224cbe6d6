import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../core/db.js";
import { AppError, illegalState, notFound } from "../../core/errors.js";
import type { CustomerRow } from "./data.js";
import { orderMismatches } from "./rules.js";
import { fieldServiceOrders } from "./tables.js";
import { fourNotices } from "./visit-contract.js";

// serviceOrder (上门装/移/修工单), RA 1.3.4: open → checked (customer data compared with the order)
// → signed (the customer signs the work sheet 施工单 or quality form 质量监督表, four notices told).
type OrderRow = typeof fieldServiceOrders.$inferSelect;

export const presentServiceOrder = (o: OrderRow) => ({
  id: o.id,
  customerId: o.customerId,
  kind: o.kind,
  orderName: o.orderName,
  orderAddress: o.orderAddress,
  orderTier: o.orderTier,
  status: o.status,
  mismatches: o.mismatches,
  noticesTold: o.noticesTold,
  signatureForm: o.signatureForm,
  signed: o.signature !== null,
  signedAt: o.signedAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
});

export async function findServiceOrder(db: DbOrTx, id: string): Promise<OrderRow> {
  const [o] = await db.select().from(fieldServiceOrders).where(eq(fieldServiceOrders.id, id));
  if (!o) throw notFound("Service order");
  return o;
}

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

export function signatureImage(order: OrderRow): { type: string; bytes: Buffer } {
  if (!order.signature) throw notFound("Signature");
  const jpeg = order.signature[0] === 0xff && order.signature[1] === 0xd8;
  return { type: jpeg ? "image/jpeg" : "image/png", bytes: order.signature };
}
