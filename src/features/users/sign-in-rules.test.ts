import { describe, expect, it } from "vitest";
import {
  type Admission,
  admit,
  freshState,
  lockDurationMs,
  type SignInState,
  signInPolicy,
} from "./sign-in-rules.js";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 9) + minutes * 60_000);

/** Takes `n` attempts on a key at `when`, failing each; the last admission. */
function fail(state: SignInState, n: number, when: Date, key: "username" | "address" = "username") {
  let s = state;
  let last: Admission | undefined;
  for (let i = 0; i < n; i++) {
    last = admit(s, key, when);
    if (last.ok) s = last.next;
  }
  return { state: s, last: last! };
}

describe("sign-in admission", () => {
  it("should lock a username for 1 minute on its 5th attempt within the window", () => {
    const { state, last } = fail(freshState(), 5, at(0));
    expect(last).toMatchObject({ ok: true, locks: true });
    expect(state.lockedUntil).toEqual(at(1));
    expect(admit(state, "username", at(0.5))).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(admit(state, "username", at(1)).ok).toBe(true);
  });

  it("should give an address 20 attempts", () => {
    expect(fail(freshState(), 19, at(0), "address").state.lockedUntil).toBeNull();
    expect(fail(freshState(), 20, at(0), "address").state.lockedUntil).toEqual(at(1));
  });

  it("should double each next lock up to one hour", () => {
    let s = freshState();
    const minutes: number[] = [];
    let now = 0;
    for (let i = 0; i < 9; i++) {
      s = fail(s, 5, at(now)).state;
      const lock = (s.lockedUntil!.getTime() - at(now).getTime()) / 60_000;
      minutes.push(lock);
      now += lock;
    }
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(lockDurationMs(1000)).toBe(signInPolicy.maxLockMs);
  });

  it("should start a new count when the window has run out", () => {
    const four = fail(freshState(), 4, at(0)).state;
    expect(admit(four, "username", at(10))).toMatchObject({ ok: true, locks: true });
    expect(admit(four, "username", at(16))).toMatchObject({ ok: true, locks: false, next: { failures: 1 } });
  });

  it("should forget the lockouts of a key left alone for a day", () => {
    let s = fail(freshState(), 5, at(0)).state;
    s = fail(s, 5, at(2)).state; // the second lock: 2 minutes
    expect(s.lockouts).toBe(2);
    const dayLater = fail(s, 5, at(2 + 25 * 60)).state;
    expect(dayLater.lockedUntil).toEqual(at(2 + 25 * 60 + 1));
  });
});
