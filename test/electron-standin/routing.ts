// Every request of every page goes through here, so that what Electron decides in the browser
// process is decided by the app's own code: a privileged scheme's requests go to the app's
// `protocol.handle` handler (default session only, as `protocol` is the default session's), a
// page-initiated navigation asks `will-navigate`, and a new window asks the opener's
// `setWindowOpenHandler`.
import type { BrowserContext, Page, Request as PlaywrightRequest, Route } from 'playwright-core';
import { report } from './control.ts';
import { carriedSchemes, schemeHandlers } from './protocol.ts';
import { fromCarrier, isCarrier } from './scheme-map.ts';
import type { Session } from './session.ts';

/** What a page's webContents answers for the routing (web-contents.ts registers them). */
export interface RoutedContents {
  /** True when this navigation is one the app asked for (loadURL), not the page. */
  consumeLoad(url: string): boolean;
  willNavigate(url: string): boolean;
  /** Whether the page may open a window for this URL (setWindowOpenHandler). */
  windowOpen(url: string, frameName: string): boolean;
}

export const contentsOfPage = new Map<Page, RoutedContents>();
/** A popup Chromium made: decided once, by its opener, on the first request or page event. */
const popupDecisions = new WeakMap<Page, Promise<boolean>>();

const withoutHash = (url: string) => url.replace(/#.*$/, '');

async function popupAllowed(page: Page, url: string): Promise<boolean> {
  let decision = popupDecisions.get(page);
  if (!decision) {
    decision = (async () => {
      const opener = await page.opener();
      const contents = opener && contentsOfPage.get(opener);
      // Electron with no handler lets the window open; the stand-in cannot make it a
      // BrowserWindow of the app, so it reports it and keeps the page.
      const allowed = contents ? contents.windowOpen(url, '') : true;
      report('window-open', { url, allowed });
      if (!allowed) await page.close().catch(() => {});
      return allowed;
    })();
    popupDecisions.set(page, decision);
  }
  return decision;
}

async function answerFromHandler(route: Route, request: PlaywrightRequest, url: string) {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  const handler = schemeHandlers.get(scheme);
  if (!handler) {
    await route.abort('failed');
    return;
  }
  try {
    const body = request.postDataBuffer();
    const response = await handler(
      new Request(url, {
        method: request.method(),
        headers: await request.allHeaders(),
        ...(body && { body: new Uint8Array(body) }),
      }),
    );
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  } catch (error) {
    report('protocol-error', { url, error: String(error) });
    await route.abort('failed');
  }
}

/**
 * A new window's first navigation comes before Playwright knows its frame: the window that
 * opened it is the session's window (the app's windows each have a session of their own).
 */
async function newWindowAllowed(context: BrowserContext, url: string): Promise<boolean> {
  const openers = [...contentsOfPage].filter(([page]) => page.context() === context);
  const allowed = openers.length === 1 ? openers[0]![1].windowOpen(url, '') : true;
  report('window-open', { url, allowed });
  if (!allowed)
    for (const page of context.pages())
      if (!contentsOfPage.has(page)) await page.close().catch(() => {});
  return allowed;
}

function frameOf(request: PlaywrightRequest) {
  try {
    return request.frame();
  } catch {
    return undefined;
  }
}

async function routed(session: Session, route: Route, request: PlaywrightRequest): Promise<void> {
  const url = fromCarrier(request.url());
  const frame = frameOf(request);
  if (!frame) {
    if (request.isNavigationRequest() && !(await newWindowAllowed(await session.context(), url))) {
      await route.abort('aborted');
      return;
    }
  } else if (request.isNavigationRequest() && !frame.parentFrame()) {
    const page = frame.page();
    const contents = contentsOfPage.get(page);
    if (contents) {
      if (!contents.consumeLoad(url) && !contents.willNavigate(url)) {
        await route.abort('aborted');
        return;
      }
    } else if (!(await popupAllowed(page, url))) {
      await route.abort('aborted');
      return;
    }
  }
  if (isCarrier(request.url())) {
    // Only the default session has the app's handlers, as in Electron.
    if (session.isDefault && carriedSchemes().has(url.slice(0, url.indexOf(':')).toLowerCase()))
      await answerFromHandler(route, request, url);
    else await route.abort('failed');
    return;
  }
  await route.continue();
}

export async function routeRequests(context: BrowserContext, session: Session): Promise<void> {
  await context.route(
    () => true,
    (route, request) =>
      routed(session, route, request).catch((error: unknown) => {
        report('route-error', { url: request.url(), error: String(error) });
        return route.abort('failed').catch(() => {});
      }),
  );
}

export { withoutHash };
