import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en as adminEn, zh as adminZh } from "../features/admin/strings";
import { en as authEn, zh as authZh } from "../features/auth/strings";
import { en as boardEn, zh as boardZh } from "../features/board/strings";
import { en as campaignsEn, zh as campaignsZh } from "../features/campaigns/strings";
import { en as complaintsEn, zh as complaintsZh } from "../features/complaints/strings";
import { en as counterEn, zh as counterZh } from "../features/counter/strings";
import { en as displayEn, zh as displayZh } from "../features/display/strings";
import { en as faultsEn, zh as faultsZh } from "../features/faults/strings";
import { en as fieldEn, zh as fieldZh } from "../features/field/strings";
import { en as floorEn, zh as floorZh } from "../features/floor/strings";
import { en as kioskEn, zh as kioskZh } from "../features/kiosk/strings";
import { en as meetingsEn, zh as meetingsZh } from "../features/meetings/strings";
import { en as padEn, zh as padZh } from "../features/pad/strings";
import { en as publicEn, zh as publicZh } from "../features/public/strings";
import { en as inspectionEn, zh as inspectionZh } from "../features/quality/inspection/strings";
import { en as qualityEn, zh as qualityZh } from "../features/quality/strings";
import { en as reportsEn, zh as reportsZh } from "../features/reports/strings";
import { en as siteEn, zh as siteZh } from "../features/site/strings";
import { en as staffingEn, zh as staffingZh } from "../features/staff/strings";
import { en as trainingEn, zh as trainingZh } from "../features/training/strings";
import { en as commonEn, zh as commonZh } from "./common";

// zh-CN first; English on request. The choice is kept per browser; ?lang=en sets it for a device link.
export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
const STORAGE = "tingwu.lang";

// Each feature keeps its own words beside its screens; t("kiosk.title") reads features' strings.
const zh = {
  ...commonZh,
  admin: adminZh,
  auth: authZh,
  board: boardZh,
  campaigns: campaignsZh,
  complaints: complaintsZh,
  counter: counterZh,
  display: displayZh,
  faults: faultsZh,
  field: fieldZh,
  floor: floorZh,
  kiosk: kioskZh,
  pad: padZh,
  staffing: staffingZh,
  site: siteZh,
  meetings: meetingsZh,
  training: trainingZh,
  quality: qualityZh,
  inspection: inspectionZh,
  public: publicZh,
  reports: reportsZh,
};
const en: typeof zh = {
  ...commonEn,
  admin: adminEn,
  auth: authEn,
  board: boardEn,
  campaigns: campaignsEn,
  complaints: complaintsEn,
  counter: counterEn,
  display: displayEn,
  faults: faultsEn,
  field: fieldEn,
  floor: floorEn,
  kiosk: kioskEn,
  pad: padEn,
  staffing: staffingEn,
  site: siteEn,
  meetings: meetingsEn,
  training: trainingEn,
  quality: qualityEn,
  inspection: inspectionEn,
  public: publicEn,
  reports: reportsEn,
};

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get("lang");
  const stored = (() => {
    try {
      return localStorage.getItem(STORAGE);
    } catch {
      return null;
    }
  })();
  const pick = fromUrl === "en" || fromUrl === "zh-CN" ? fromUrl : stored;
  return pick === "en" ? "en" : "zh-CN";
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zh }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Language) {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE, lang);
  } catch {
    // not kept; still switched for this page
  }
}

export default i18n;
