// The settings window. It reaches main only through `window.tidings`, the contract the preload
// exposes (app/ipc/contract.ts); it has no Node, no network, and renders text, never markup.
import { renderAccounts } from './pages/accounts.js';
import { renderGeneral } from './pages/general.js';
import { renderHistory } from './pages/history.js';
import { renderNotifications } from './pages/notifications.js';
import { ask } from './ask.js';

/**
 * @typedef {import('../app/ipc/contract.js').TidingsBridge} TidingsBridge
 * @typedef {import('../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../app/ipc/contract.js').Page} Page
 * @typedef {{ bridge: TidingsBridge, snapshot: AppSnapshot, root: HTMLElement }} PageContext
 * @typedef {{ update(snapshot: AppSnapshot): void, dirty?(): boolean }} PageView
 */

const bridge = /** @type {TidingsBridge} */ (/** @type {any} */ (window).tidings);

/** @type {Record<Page, (context: PageContext) => PageView>} */
const PAGES = {
  accounts: renderAccounts,
  notifications: renderNotifications,
  history: renderHistory,
  general: renderGeneral,
};

const root = /** @type {HTMLElement} */ (document.getElementById('page'));
/** @type {Page} */
let current = 'accounts';
/** @type {PageView | undefined} */
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
  document.title = `Tidings settings — ${titleOf(page)}`;
}

function showWarning() {
  const warning = /** @type {HTMLElement} */ (document.getElementById('warning'));
  warning.hidden = !snapshot.secrets.warning;
  warning.textContent = snapshot.secrets.warning ?? '';
  // No notification server: said on every page until it is back.
  const notifier = /** @type {HTMLElement} */ (document.getElementById('notifier-warning'));
  notifier.hidden = snapshot.notifier.available;
  notifier.textContent = snapshot.notifier.warning ?? '';
}

let asking = false;
/** Another page, once the user has said what becomes of unsaved changes here. */
/** @param {Page} page */
async function go(page) {
  if (page === current || asking) return;
  if (view?.dirty?.()) {
    asking = true;
    const leave = await ask({
      title: 'Unsaved changes',
      message: `Your changes on ${titleOf(current)} are not saved yet.`,
      yes: 'Discard changes',
      no: 'Stay on this page',
    });
    asking = false;
    if (!leave) {
      history.replaceState(null, '', `#${current}`);
      return;
    }
  }
  show(page);
}

/** @param {Page} page */
const titleOf = (page) => `${page[0]?.toUpperCase()}${page.slice(1)}`;

async function start() {
  snapshot = await bridge.getSnapshot({});
  showWarning();
  show(pageOf(location.hash));
  window.addEventListener('hashchange', () => void go(pageOf(location.hash)));
  // Closing the window with unsaved changes: the browser's own question.
  window.addEventListener('beforeunload', (event) => {
    if (view?.dirty?.()) event.preventDefault();
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
