import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from './build';
import { WEB_STEP_TIMEOUT } from './timeouts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Failure screenshots (kept by CI as artifacts) and, with WEB_SCREENSHOTS=1, the screenshots of docs/web.md. */
export const ARTIFACTS = join(ROOT, 'test-results/web');
export const DOC_SHOTS = join(ROOT, 'docs/web');

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--lang=zh-CN',
    ],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser profile (its own login) at a viewport; pages report their script errors to the test. */
export async function open(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Tab> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(WEB_STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(WEB_STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { context, page };
}

/** Uncaught script errors in any page of the run: a test asserts there were none. */
export const errors: string[] = [];

/**
 * Runs one step of a flow; if it throws, every open page is photographed into test-results/web/ first, so
 * the failure can be seen, not guessed.
 */
export async function step<T>(name: string, tabs: Tab[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const safe = name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_');
    await Promise.all(
      tabs.map((t, i) => t.page.screenshot({ path: join(ARTIFACTS, `${safe}-${i}.png`), fullPage: true }).catch(() => undefined)),
    );
    throw e;
  }
}

/** A documentation screenshot (docs/web/NAME.png), taken only when WEB_SCREENSHOTS=1. */
export async function docShot(page: Page, name: string): Promise<void> {
  if (process.env.WEB_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`) });
}
