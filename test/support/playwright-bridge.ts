// The settings window in headless Chromium, against the real main-process controller. renderer/
// is served over loopback HTTP with the app's CSP; `window.tidings` is a test bridge with the
// preload's exact shape, and every call goes through main's own sender check and payload
// validation (app/desktop/ipc/dispatch.ts) to the controller.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { systemClock } from '../../app/core/clock.js';
import type { AppLog } from '../../app/desktop/app-log.js';
import type { Controller } from '../../app/desktop/controller.js';
import { dispatch, senderProblem } from '../../app/desktop/ipc/dispatch.js';
import { controllerHandlers } from '../../app/desktop/ipc/handlers.js';
import { throttle } from '../../app/desktop/throttle.js';
import { CONTENT_SECURITY_POLICY } from '../../app/desktop/ui-files.js';
import { METHODS } from '../../app/ipc/requests.js';

const RENDERER = join(process.cwd(), 'renderer');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const BRIDGE_WEB_CONTENTS = 1;

export interface SettingsBrowser {
  page: Page;
  origin: string;
  /** Calls the page made that main refused, with the reason. */
  refused: string[];
  /** Uncaught errors in the page: a test that passes with one has a broken window behind it. */
  pageErrors: string[];
  close(): Promise<void>;
}

function serveRenderer(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(join(RENDERER, new URL(request.url ?? '/', 'http://x').pathname));
    const type = TYPES[extname(path)];
    if (!path.startsWith(RENDERER + sep) || !type) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(path);
      response.writeHead(200, {
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The page side of the bridge: the preload's shape, calling out through one binding. */
function installBridge(methods: readonly string[]): void {
  const listeners = {
    snapshot: new Set<(v: unknown) => void>(),
    page: new Set<(v: unknown) => void>(),
  };
  const call = (window as unknown as { __tidingsInvoke(m: string, p: unknown): Promise<unknown> })
    .__tidingsInvoke;
  const on = (kind: 'snapshot' | 'page') => (listener: (v: unknown) => void) => {
    listeners[kind].add(listener);
    return () => listeners[kind].delete(listener);
  };
  const api: Record<string, unknown> = { onSnapshot: on('snapshot'), onPage: on('page') };
  for (const method of methods) api[method] = (request: unknown) => call(method, request);
  Object.defineProperty(window, 'tidings', { value: Object.freeze(api) });
  Object.defineProperty(window, '__tidingsPush', {
    value: (kind: 'snapshot' | 'page', value: unknown) => listeners[kind].forEach((l) => l(value)),
  });
}

export async function openSettingsWindow(
  controller: Controller,
  log: AppLog,
  page = 'accounts',
): Promise<SettingsBrowser> {
  const server = await serveRenderer();
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const userData = mkdtempSync(join(tmpdir(), 'tidings-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1000, height: 760 },
  });
  const handlers = controllerHandlers(controller);
  const refused: string[] = [];
  await context.exposeBinding(
    '__tidingsInvoke',
    async (source, method: string, payload: unknown) => {
      const problem = senderProblem(
        { webContentsId: BRIDGE_WEB_CONTENTS, frameUrl: source.frame.url() },
        { webContentsId: BRIDGE_WEB_CONTENTS, origin },
      );
      try {
        if (problem) throw new Error(`refused: ${problem}`);
        return await dispatch(handlers, method, payload, log);
      } catch (error) {
        refused.push(String(error));
        throw error;
      }
    },
  );
  // As text with a no-op `__name`: run by tsx rather than vitest (the settings-window
  // benchmark), esbuild's keepNames puts `__name(...)` calls inside the function's body.
  await context.addInitScript({
    content: `var __name = (f) => f; (${installBridge.toString()})(${JSON.stringify(METHODS)});`,
  });
  const tab = context.pages()[0] ?? (await context.newPage());
  // A control that never appears fails its test in seconds, not at the test's own timeout.
  tab.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  tab.on('pageerror', (error) => pageErrors.push(String(error)));
  const push = throttle(
    () =>
      void tab
        .evaluate(
          (s) =>
            (window as unknown as { __tidingsPush(k: string, v: unknown): void }).__tidingsPush(
              'snapshot',
              s,
            ),
          controller.snapshot(),
        )
        .catch(() => {}),
    100,
    systemClock,
  );
  const unsubscribe = controller.onChange(push);
  await tab.goto(`${origin}/index.html#${page}`);
  return {
    page: tab,
    origin,
    refused,
    pageErrors,
    close: async () => {
      unsubscribe();
      push.cancel();
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
