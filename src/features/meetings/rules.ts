import { can, type Principal } from "../../core/access.js";
import type { MeetingAction, MeetingState } from "./contract.js";

/** Whether the person is one of the hall's own staff (they confirm its notices; others oversee). */
export const ofHall = (principal: Principal | undefined, hallId: string) =>
  principal?.kind === "user" && principal.hallId === hallId;

/** What a person may do with a meeting: managers edit and close an open one; the hall's staff confirm. */
export function allowedMeetingActions(
  principal: Principal | undefined,
  m: { state: MeetingState; hallId: string },
  confirmed: boolean,
): MeetingAction[] {
  if (!principal) return [];
  const out: MeetingAction[] = [];
  if (m.state === "open" && can(principal, "meeting.manage")) out.push("edit", "close");
  if (ofHall(principal, m.hallId) && !confirmed) out.push("confirm");
  return out;
}
