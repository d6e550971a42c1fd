import { Browser } from 'playwright-core';
import { DESKTOP, launch, open, Tab } from './browser';
import { seedScene, Scene } from './seed';
import { RunningService, startService } from './service';

export interface WebScene {
  readonly service: RunningService;
  readonly browser: Browser;
  readonly scene: Scene;
  /** every browser profile opened so far: a failing step photographs them all */
  readonly tabs: Tab[];
  /** responses 401 or 5xx any tab has seen ("401 GET http://…"): a flow that should meet none asserts it is empty */
  readonly serverErrors: string[];
  /** a fresh browser profile (its own login) at a viewport, remembered in `tabs` */
  tab(viewport?: { width: number; height: number }): Promise<Tab>;
}

export interface SceneOptions {
  /** what union A receives before the flow (seedScene's fundsForA; '0' for none) */
  fundsForA?: string;
  /** more set-up through the API, after the scene is seeded and before the flow */
  setup?: (scene: Scene) => Promise<void>;
}

/**
 * The set-up every browser flow shares, as jest hooks of the calling `describe`: the built service on its own
 * embedded PostgreSQL, the scene seeded (a center, unions A and B, one person per role), Chromium launched; and
 * all of it stopped afterwards. The fields are read inside the tests (after beforeAll has run).
 */
export function useScene(options: SceneOptions = {}): WebScene {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let scene: Scene | undefined;
  const tabs: Tab[] = [];
  const serverErrors: string[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useScene: ${what} is not ready (read it inside a test, after beforeAll)`);
    return value;
  };

  beforeAll(async () => {
    service = await startService();
    scene = await seedScene(service.url, options.fundsForA);
    await options.setup?.(scene);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  return {
    get service() {
      return ready(service, 'the service');
    },
    get browser() {
      return ready(browser, 'the browser');
    },
    get scene() {
      return ready(scene, 'the scene');
    },
    tabs,
    serverErrors,
    async tab(viewport = DESKTOP) {
      const t = await open(ready(browser, 'the browser'), ready(service, 'the service').url, viewport);
      t.page.on('response', (r) => {
        if (r.status() === 401 || r.status() >= 500) serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      });
      tabs.push(t);
      return t;
    },
  };
}
