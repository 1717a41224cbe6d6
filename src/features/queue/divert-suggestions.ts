import { addDays } from "../../core/calendar.js";
import type { DbOrTx } from "../../core/db.js";
import { daysOf, nextDay } from "../../core/periods.js";
import { localParts } from "../../core/time.js";
import { type BusinessType, divertChannels, type Hall } from "../halls/contract.js";
import { isOpenAt } from "../halls/rules.js";
import { countArrivals } from "./data/arrivals.js";
import { nearbyHallsFor } from "./data/divert-places.js";
import { offPeakHours, openHoursAhead } from "./divert-rules.js";

const HISTORY_DAYS = 28;

/**
 * R-DIVERT: the channels that can also serve a business, in the priority order (in-hall first, then
 * e-channels, then elsewhere), with the places and hours they mean here and now.
 */
export async function divertSuggestions(
  db: DbOrTx,
  hall: Hall,
  bt: BusinessType,
  timeZone: string,
  now = new Date(),
) {
  const order = divertChannels as readonly string[];
  const channels = [...bt.divertChannels].sort((x, y) => order.indexOf(x) - order.indexOf(y));
  const out = [];
  for (const channel of channels) {
    if (channel === "other_hall") {
      const halls = await nearbyHallsFor(db, hall, bt, (h) => isOpenAt(h.openingHours, now, timeZone));
      if (halls.length) out.push({ channel, halls });
    } else if (channel === "off_peak") {
      const today = localParts(now, timeZone);
      const from = addDays(today.date, -HISTORY_DAYS);
      const to = addDays(today.date, -1);
      const hours = offPeakHours({
        ahead: openHoursAhead(hall.openingHours, today),
        arrivals: await countArrivals(db, hall.id, from, to, timeZone),
        historyDates: daysOf(from, nextDay(to)),
      });
      if (hours.length) out.push({ channel, hours });
    } else out.push({ channel });
  }
  return out;
}
