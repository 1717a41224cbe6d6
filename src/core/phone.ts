import { z } from "zod";

// Customer phone numbers, one rule each, used by every contract that takes one.
//
// A Chinese mobile number (手机号): 11 digits, 1 then 3–9 (the MIIT number plan has no 10x, 11x or 12x
// mobile blocks), e.g. 13812341234. The queue, appointments and SMS reminders need a mobile.
export const CHINESE_MOBILE = /^1[3-9]\d{9}$/;
// A fixed line (固定电话): 0 and a 2–3 digit area code (010, 021, 0755 …), an optional hyphen, then a
// local number of 7–8 digits that does not start with 0 or 1 (those are trunk and service prefixes).
export const CHINESE_LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}$/;

export const chineseMobile = z
  .string()
  .regex(CHINESE_MOBILE, "a Chinese mobile number: 11 digits, 1 then 3–9 (e.g. 13812341234)");

/** Where a customer may also give a fixed line: complaints, faults, the field archive's customers and contacts. */
export const customerPhone = z
  .string()
  .regex(
    new RegExp(`${CHINESE_MOBILE.source}|${CHINESE_LANDLINE.source}`),
    "a Chinese mobile number (13812341234) or a fixed line with its area code (021-62345678)",
  );

// 居民身份证号 (GB 11643-1999): 17 digits — area, birth date, sequence — and a check character, the
// ISO 7064 MOD 11-2 of the 17 (X for 10). Kept where a record needs the customer's identity (the field
// archive's personal customers); masked like a phone everywhere it is shown.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function validIdNumber(id: string): boolean {
  if (!/^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

export const idNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(validIdNumber, "a resident ID number (居民身份证号): 18 characters with a valid check digit");

/** 110101199003071234 → 1101**********1234: the area kept, the birth date and sequence hidden. */
export const maskIdNumber = (id: string | null | undefined): string | null =>
  id ? `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}` : null;
