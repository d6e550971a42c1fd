/// <reference lib="dom" />
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Locator, Page } from 'playwright-core';
import { Person } from './seed';

/** Logs in through the login page, as a person would. */
export async function login(page: Page, who: Person, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Chooses an option of an antd Select: types part of its label where the select searches, then picks it, as a
 * person would, until the select shows the choice. A person who clicks as the list moves clicks again: when the
 * typed text shortens the list, the popup may be re-placed (above the box → below it) a frame after it looked
 * still, and the click lands where the option was. So a click that chose nothing is retried (a few times), and the
 * helper fails only if the select never shows the choice.
 */
export async function choose(page: Page, label: string, text: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  // (antd 6 shows the chosen label beside the search input, in the content marked has-value)
  const chosen = page.locator('.ant-select-content-has-value', { has: box, hasText: text });
  // this select's own dropdown (rc-select gives its list the id `${inputId}_list`): the previous select's dropdown
  // may still be fading out and visible, and a click on its option changes nothing here
  const id = await box.getAttribute('id');
  const dropdown = id ? page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) }) : page.locator('.ant-select-dropdown:visible');
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) {
      await box.click();
      if (await box.isEditable()) await box.fill(text);
    }
    await option.click();
    try {
      await chosen.waitFor({ timeout: attempt < 4 ? 3_000 : undefined });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/** The page fits its viewport: nothing to scroll sideways (the chair's one-thumb rule). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** A paper document as a phone would photograph it: drawn by the browser, saved as PNG. */
export async function documentImage(page: Page, path: string, title: string, lines: string[]): Promise<void> {
  const tab = await page.context().newPage();
  await tab.setViewportSize({ width: 600, height: 360 });
  await tab.setContent(`<html><body style="margin:0;font-family:'WenQuanYi Micro Hei',sans-serif;background:#fffdf5">
    <div style="margin:16px;border:2px solid #c0392b;padding:16px;color:#c0392b">
      <h2 style="text-align:center;margin:0 0 12px">${title}</h2>
      ${lines.map((l) => `<p style="margin:6px 0">${l}</p>`).join('')}
    </div></body></html>`);
  await tab.screenshot({ path });
  await tab.close();
}

/** Clicks what downloads a file and gives the file's bytes with the content type the server answered with. */
export async function downloaded(page: Page, control: Locator, url: RegExp): Promise<{ bytes: Buffer; type: string; name: string }> {
  const [download, response] = await Promise.all([page.waitForEvent('download'), page.waitForResponse((r) => url.test(r.url()) && r.request().method() === 'GET'), control.click()]);
  const path = await download.path();
  expect(response.status()).toBe(200);
  return { bytes: readFileSync(path), type: response.headers()['content-type'] ?? '', name: download.suggestedFilename() };
}
