import type { GreetingOccasion } from "../customers/contract.js";
import { midAutumn, springFestival } from "./lunar.js";

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
