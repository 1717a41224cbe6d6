// How failed sign-ins are limited, per username and per address (pure; the rows are sign_in_failures).
// Every attempt takes a place before its password is checked, so guesses sent all at once are held to
// the same count as guesses sent one by one; the attempt that takes the last place locks the key for a
// while, the first lock of a day 1 minute, each next one twice as long up to an hour. A success lifts
// the username's lock and forgets its failures (and gives its place back to the address).

export type SignInKey = "username" | "address";

export const signInPolicy = {
  // Tries within the window before a lock: a person mistyping gets five; a hall behind one NAT address
  // gets twenty among all its staff before the address is locked.
  maxFailures: { username: 5, address: 20 } satisfies Record<SignInKey, number>,
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  // A key with no attempt for this long starts over: its lockouts no longer double.
  forgetMs: 24 * 3600_000,
};

/** What is known of one key (a username or an address). */
export type SignInState = {
  failures: number;
  windowStartedAt: Date | null;
  lockouts: number;
  lockedUntil: Date | null;
  lastAttemptAt: Date | null;
};

export const freshState = (): SignInState => ({
  failures: 0,
  windowStartedAt: null,
  lockouts: 0,
  lockedUntil: null,
  lastAttemptAt: null,
});

/** The n-th lock of a key (n from 0) lasts 1 min, 2, 4 … up to the cap. */
export const lockDurationMs = (lockouts: number, policy = signInPolicy) =>
  Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(lockouts, 30));

export const secondsUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export type Admission =
  | { ok: true; next: SignInState; locks: boolean }
  | { ok: false; retryAfterSeconds: number };

/** Whether an attempt on this key may go ahead now, and the key's state once it has. */
export function admit(state: SignInState, key: SignInKey, now: Date, policy = signInPolicy): Admission {
  if (state.lockedUntil && state.lockedUntil > now)
    return { ok: false, retryAfterSeconds: secondsUntil(state.lockedUntil, now) };
  const t = now.getTime();
  const forgotten = !state.lastAttemptAt || t - state.lastAttemptAt.getTime() > policy.forgetMs;
  const lockouts = forgotten ? 0 : state.lockouts;
  // A new window after the last one ran out, or after a lock ended.
  const newWindow =
    forgotten ||
    !state.windowStartedAt ||
    t - state.windowStartedAt.getTime() > policy.windowMs ||
    state.lockedUntil !== null;
  const failures = (newWindow ? 0 : state.failures) + 1;
  const locks = failures >= policy.maxFailures[key];
  return {
    ok: true,
    locks,
    next: {
      failures,
      windowStartedAt: newWindow ? now : state.windowStartedAt,
      lockouts: locks ? lockouts + 1 : lockouts,
      lockedUntil: locks ? new Date(t + lockDurationMs(lockouts, policy)) : null,
      lastAttemptAt: now,
    },
  };
}
