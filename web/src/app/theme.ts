import type { ThemeConfig } from "antd";

// A calm operator blue, generous type and radii: readable with a queue in front of you.
export const brand = {
  primary: "#0b62d6",
  primaryDark: "#0a3d8f",
  navy: "#0b1f44",
  amber: "#f59e0b",
  red: "#dc2626",
  green: "#16a34a",
};

export const fontFamily =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    colorSuccess: brand.green,
    colorWarning: brand.amber,
    colorError: brand.red,
    borderRadius: 8,
    fontFamily,
    fontSize: 15,
  },
  components: {
    Layout: { headerBg: "#ffffff", headerHeight: 60, headerPadding: "0 24px", bodyBg: "#f3f6fb" },
    Card: { headerFontSize: 16 },
  },
};
