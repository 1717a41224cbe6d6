import { describe, expect, it } from "vitest";
import * as admin from "../web/src/features/admin/strings.js";
import * as auth from "../web/src/features/auth/strings.js";
import * as board from "../web/src/features/board/strings.js";
import * as complaints from "../web/src/features/complaints/strings.js";
import * as faults from "../web/src/features/faults/strings.js";
import * as field from "../web/src/features/field/strings.js";
import * as common from "../web/src/i18n/common.js";

// The English screens' words, read as a person switching the language would: no full-width punctuation,
// no internal codes (blueprint nodes Z1–Z9, requirement ids R-…), counts that say "1 day", not "1 days".
const features = { common, admin, auth, board, complaints, faults, field };
// Chinese on purpose: the language's own name, and the 休/班 a user types into the holiday calendar.
const chineseOnPurpose = new Set(["lang.zh", "lang.zhShort", "calendar.hint"]);

function leaves(o: unknown, path = ""): [string, string][] {
  if (typeof o === "string") return [[path, o]];
  if (o && typeof o === "object")
    return Object.entries(o).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}

describe("the English strings of the screens", () => {
  for (const [name, strings] of Object.entries(features)) {
    const en = leaves(strings.en);
    it(`should use English punctuation in ${name}`, () => {
      expect(en.filter(([, s]) => /[：，、；（）。！？]/.test(s))).toEqual([]);
    });
    it(`should be written in English in ${name}`, () => {
      expect(en.filter(([k, s]) => /[\u4e00-\u9fff]/.test(s) && !chineseOnPurpose.has(k))).toEqual([]);
    });
    it(`should show no internal codes in ${name}`, () => {
      expect(en.filter(([, s]) => /\bZ[1-9]\b|\bR-[A-Z]{2,}/.test(s))).toEqual([]);
    });
    it(`should let i18next pluralise the counts in ${name}`, () => {
      // A number followed by a plural noun is a count: it needs _one and _other forms.
      const counted = en.filter(([, s]) => /\{\{n\}\} (days|rows|ratings|customers|people|items)\b/.test(s));
      expect(counted).toEqual([]);
    });
    it(`should have the same keys in Chinese and English in ${name}`, () => {
      const keys = (o: unknown) =>
        leaves(o)
          .map(([k]) => k)
          .sort();
      expect(keys(strings.en)).toEqual(keys(strings.zh));
    });
  }
});
