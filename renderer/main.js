// The settings window. It reaches main only through `window.tidings`, the contract the preload
// exposes (app/ipc/contract.ts); it has no Node, no network, and renders text, never markup.
import { renderAccounts } from './pages/accounts.js';
import { renderGeneral } from './pages/general.js';
import { renderHistory } from './pages/history.js';
import { renderNotifications } from './pages/notifications.js';
import { ask } from './ask.js';
import { useTimeZone } from './time-zone.js';

/**
 * @typedef {import('../app/ipc/contract.js').TidingsBridge} TidingsBridge
 * @typedef {import('../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../app/ipc/contract.js').Page} Page
 * @typedef {import('../app/ipc/contract.js').WindowTarget} WindowTarget
 * @typedef {{ bridge: TidingsBridge, snapshot: AppSnapshot, root: HTMLElement }} PageContext
 * @typedef {{ update(snapshot: AppSnapshot): void, dirty?(): boolean, open?(target: WindowTarget): void }} PageView
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

/**
 * `#accounts/<id>/sign-in` (app/ipc/contract.ts targetHash) back into a target.
 * @param {string} hash @returns {WindowTarget}
 */
function targetOf(hash) {
  const [name = '', account, signIn] = hash.replace(/^#/, '').split('/');
  const page = name in PAGES ? /** @type {Page} */ (name) : 'accounts';
  return account
    ? { page, account: decodeURIComponent(account), signIn: signIn === 'sign-in' }
    : { page };
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
  // Pushed targets (the tray) arrive without a hash change: the hash follows the page shown.
  if (location.hash !== `#${page}`) history.replaceState(null, '', `#${page}`);
  view = PAGES[page]({ bridge, snapshot, root });
  document.title = `Tidings settings — ${titleOf(page)}`;
}

/**
 * A banner: what it means and what to do, with the technical side folded under "Details".
 * @param {string} id
 * @param {string | undefined} text
 * @param {string | undefined} detail
 */
function banner(id, text, detail) {
  const element = /** @type {HTMLElement} */ (document.getElementById(id));
  element.hidden = !text;
  element.replaceChildren(text ?? '');
  if (!text || !detail) return;
  const more = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = 'Details';
  more.append(summary, detail);
  element.append(more);
}

function showWarning() {
  banner('warning', snapshot.secrets.warning, snapshot.secrets.detail);
  // No notification server: said on every page until it is back.
  const { notifier } = snapshot;
  banner('notifier-warning', notifier.available ? undefined : notifier.warning, notifier.detail);
}

let asking = false;
/** Another page, once the user has said what becomes of unsaved changes here. */
/** @param {WindowTarget} target */
async function go(target) {
  const { page } = target;
  if (asking) return;
  if (page === current) return reach(target);
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
  reach(target);
}

/** The account a target names, on its page. @param {WindowTarget} target */
function reach(target) {
  if (location.hash !== `#${target.page}`) history.replaceState(null, '', `#${target.page}`);
  if (target.account !== undefined) view?.open?.(target);
}

/** @param {Page} page */
const titleOf = (page) => `${page[0]?.toUpperCase()}${page.slice(1)}`;

async function start() {
  snapshot = await bridge.getSnapshot({});
  useTimeZone(snapshot.notifications.timeZone);
  showWarning();
  const first = targetOf(location.hash);
  show(first.page);
  reach(first);
  window.addEventListener('hashchange', () => void go(targetOf(location.hash)));
  // Closing the window with unsaved changes: the browser's own question.
  window.addEventListener('beforeunload', (event) => {
    if (view?.dirty?.()) event.preventDefault();
  });
  bridge.onPage((target) => void go(target));
  bridge.onSnapshot((next) => {
    snapshot = next;
    useTimeZone(next.notifications.timeZone);
    showWarning();
    view?.update(next);
  });
}

void start();
