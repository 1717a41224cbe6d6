import { existsSync, mkdirSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

// Debian's Chromium, never a downloaded browser. Without it the tests skip locally and FAIL in CI.
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === "true") {
  throw new Error(
    `${CHROMIUM} is missing: install the Debian package "chromium" (and fonts-noto-cjk) to run the browser tests`,
  );
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const viewports = {
  display: { width: 1920, height: 1080 },
  board: { width: 1920, height: 1080 },
  kiosk: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
  pad: { width: 1280, height: 800 },
} as const;

/** A fresh browser context (own cookies) as a hall in Shanghai would have it. */
export async function newContext(
  browser: Browser,
  viewport: keyof typeof viewports,
  extra: { isMobile?: boolean } = {},
) {
  return browser.newContext({
    viewport: viewports[viewport],
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    deviceScaleFactor: 1,
    hasTouch: viewport === "kiosk" || viewport === "phone" || viewport === "pad",
    ...extra,
  });
}

/** Saves test-results/<name>.png, the picture of a screen that a person reviews. */
export async function shot(page: Page, name: string, fullPage = false) {
  mkdirSync("test-results", { recursive: true });
  // Let fonts, charts and entry animations settle.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `test-results/${name}.png`, fullPage });
}

/** Collects page errors and console errors, so a broken screen fails its test. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource|status of 4\d\d/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function login(
  context: BrowserContext,
  baseUrl: string,
  username: string,
  password: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}
