import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-rules.js";

const rule = (password: string, username = "wangfang") => passwordProblem(password, username)?.rule ?? null;

describe("passwordProblem", () => {
  it("should refuse fewer than 8 characters, counting a Chinese character as one", () => {
    expect(rule("abc1234")).toBe("too_short");
    expect(rule("5201314")).toBe("too_short");
    expect(rule("厅务密码七个字")).toBe("too_short");
    expect(rule("厅务的密码八个字")).toBeNull();
  });

  it("should refuse the commonest passwords, Chinese favourites included, in any case", () => {
    for (const p of [
      "12345678",
      "88888888",
      "woaini1314",
      "52013145",
      "qwertyuiop",
      "password",
      "Password",
      "PASSWORD123",
      "admin123",
      "1qaz2wsx",
      "iloveyou",
    ])
      expect(rule(p), p).toBe("common");
  });

  it("should refuse a password that contains the username, whatever the case", () => {
    expect(rule("wangfang2024")).toBe("contains_username");
    expect(rule("2024WangFang!")).toBe("contains_username");
    expect(rule("my-counter1-pw", "counter1")).toBe("contains_username");
    expect(rule("operator-test-password", "admin")).toBeNull();
  });

  it("should refuse one character repeated", () => {
    expect(rule("aaaaaaaaaa")).toBe("all_same");
    expect(rule("..........")).toBe("all_same");
    expect(rule("密密密密密密密密")).toBe("all_same");
  });

  it("should accept the demo password and the passwords the tests and benchmarks use", () => {
    for (const [p, u] of [
      ["tingwu-demo", "manager"],
      ["tingwu-demo", "counter1"],
      ["tingwu-demo", "agent"],
      ["operator-test-password", "admin"],
      ["operator-e2e-password", "admin"],
      ["crash-operator-password", "admin"],
      ["bench-operator-password", "admin"],
    ])
      expect(passwordProblem(p, u), `${u}: ${p}`).toBeNull();
  });

  it("should name the rule in a message a person can act on", () => {
    expect(passwordProblem("wangfang88", "wangfang")?.message).toMatch(/username/);
    expect(passwordProblem("88888888", "x")?.message).toMatch(/common/);
  });
});
