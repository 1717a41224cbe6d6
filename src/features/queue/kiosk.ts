import type { z } from "zod";
import type { Db } from "../../core/db.js";
import { AppError, forbidden } from "../../core/errors.js";
import { isKeyCustomerPhone } from "../customers/data.js";
import type { issueTicketFields } from "./contract.js";

type IssueBody = z.infer<typeof issueTicketFields>;

/**
 * What a kiosk may ask for (R-TICKET): a kiosk ticket, never another channel or a floor visit (staff
 * fields), and VIP (VIP 优先) only with a member card or a phone the archive knows as a key customer's.
 * Staff at the desk decide these themselves; a self-service screen may not.
 */
export async function kioskRequest(db: Db, body: IssueBody): Promise<IssueBody & { channel: "kiosk" }> {
  if (body.channel !== undefined && body.channel !== "kiosk")
    throw forbidden("A kiosk issues kiosk tickets only");
  if (body.visitId !== undefined) throw forbidden("Only staff join a ticket to a visit on the floor");
  if (body.vip && !body.vipCard && !(body.phone && (await isKeyCustomerPhone(db, body.phone))))
    throw new AppError(
      "rule_violation",
      "未识别为VIP客户，请刷会员卡或普通取号 / Not recognised as a VIP: use the member card or take a regular ticket",
      { vip: "not_recognised" },
    );
  return { ...body, channel: "kiosk" };
}
