// The settings window. It reaches main only through `window.tidings`, the contract the preload
// exposes (app/ipc/contract.ts); it has no Node, no network, and renders text, never markup.
import { renderAccounts } from './pages/accounts.js';
import { renderGeneral } from './pages/general.js';
import { renderHistory } from './pages/history.js';
import { renderNotifications } from './pages/notifications.js';

/**
 * @typedef {import('../app/ipc/contract.js').TidingsBridge} TidingsBridge
 * @typedef {import('../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../app/ipc/contract.js').Page} Page
 * @typedef {{ bridge: TidingsBridge, snapshot: AppSnapshot, root: HTMLElement }} PageContext
 * @typedef {{ render(context: PageContext): void | Promise<void>, update?(context: PageContext): void }} PageView
 */

const bridge = /** @type {TidingsBridge} */ (/** @type {any} */ (window).tidings);

/** @type {Record<Page, (context: PageContext) => { update(snapshot: AppSnapshot): void }>} */
const PAGES = {
  accounts: renderAccounts,
  notifications: renderNotifications,
  history: renderHistory,
  general: renderGeneral,
};

const root = /** @type {HTMLElement} */ (document.getElementById('page'));
/** @type {Page} */
let current = 'accounts';
/** @type {{ update(snapshot: AppSnapshot): void } | undefined} */
let view;
/** @type {AppSnapshot} */
let snapshot;

/** @param {string} hash @returns {Page} */
function pageOf(hash) {
  const name = hash.replace(/^#/, '');
  return name in PAGES ? /** @type {Page} */ (name) : 'accounts';
}

/** @param {Page} page */
function show(page) {
  current = page;
  for (const link of document.querySelectorAll('#tabs a')) {
    const active = /** @type {HTMLElement} */ (link).dataset.page === page;
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  root.replaceChildren();
  view = PAGES[page]({ bridge, snapshot, root });
  document.title = `Tidings settings — ${page[0]?.toUpperCase()}${page.slice(1)}`;
}

function showWarning() {
  const warning = /** @type {HTMLElement} */ (document.getElementById('warning'));
  warning.hidden = !snapshot.secrets.warning;
  warning.textContent = snapshot.secrets.warning ?? '';
}

async function start() {
  snapshot = await bridge.getSnapshot({});
  showWarning();
  show(pageOf(location.hash));
  window.addEventListener('hashchange', () => {
    if (pageOf(location.hash) !== current) show(pageOf(location.hash));
  });
  bridge.onPage((page) => {
    location.hash = page;
  });
  bridge.onSnapshot((next) => {
    snapshot = next;
    showWarning();
    view?.update(next);
  });
}

void start();
