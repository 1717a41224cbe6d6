// The server's rule for a Chinese mobile number (src/core/phone.ts, held equal by src/core/phone.test.ts):
// 11 digits, 1 then 3–9. The pad checks it as the customer types, so a wrong start is said at once.
export const CHINESE_MOBILE = /^1[3-9]\d{9}$/;

/** "start" when what has been typed can no longer become a mobile number, null while it still can. */
export function mobileProblem(v: string): "start" | null {
  if (v.length >= 1 && v[0] !== "1") return "start";
  if (v.length >= 2 && !/[3-9]/.test(v[1])) return "start";
  if (v.length >= 11 && !CHINESE_MOBILE.test(v)) return "start";
  return null;
}

export const validMobile = (v: string) => CHINESE_MOBILE.test(v);
