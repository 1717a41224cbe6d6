import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../../core/errors.js";
import { passwordProblem } from "./password-rules.js";

// argon2id with the library defaults (m=19 MiB, t=2): the OWASP baseline.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) =>
  verify(stored, password).catch(() => false);

/** A password a route is about to set, or a 400 (weak_password) naming the rule it breaks. */
export function checkNewPassword(password: string, username: string) {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError("weak_password", problem.message, { rule: problem.rule });
}
