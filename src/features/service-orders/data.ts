import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { fieldServiceOrders } from "./tables.js";

// serviceOrder (上门装/移/修工单), RA 1.3.4: open → checked (customer data compared with the order)
// → signed (the customer signs the work sheet 施工单 or quality form 质量监督表, four notices told).
export type OrderRow = typeof fieldServiceOrders.$inferSelect;

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

export function signatureImage(order: OrderRow): { type: string; bytes: Buffer } {
  if (!order.signature) throw notFound("Signature");
  const jpeg = order.signature[0] === 0xff && order.signature[1] === 0xd8;
  return { type: jpeg ? "image/jpeg" : "image/png", bytes: order.signature };
}
