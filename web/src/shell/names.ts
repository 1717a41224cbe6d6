import { useTranslation } from "react-i18next";

type Named = { name: string; nameEn?: string | null };
type Labelled = { label: string; labelEn?: string | null };

/**
 * Halls and counters in the screen's language: the English name where the admin set one, the Chinese
 * name otherwise (a hall is still known by its Chinese name to customers and on its sign).
 */
export function useLocalNames() {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  return {
    hallName: (h: Named) => (english && h.nameEn ? h.nameEn : h.name),
    counterLabel: (c: Labelled) => (english && c.labelEn ? c.labelEn : c.label),
  };
}
