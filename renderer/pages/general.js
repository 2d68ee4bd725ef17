import { announce, field, h } from '../dom.js';

/** @typedef {import('../main.js').PageContext} PageContext */

/** What each version is, as a bug report would name it; unknown names are shown as they come. */
const VERSION_NAMES = /** @type {Record<string, string>} */ ({
  tidings: 'Tidings',
  electron: 'Electron',
  chrome: 'Chromium',
  node: 'Node.js',
  platform: 'System',
});

/** @param {PageContext} context */
export function renderGeneral({ bridge, snapshot, root }) {
  const startAtLogin = h('input', {
    type: 'checkbox',
    name: 'startAtLogin',
    checked: snapshot.startAtLogin,
  });
  startAtLogin.addEventListener('change', async () =>
    announce((await bridge.setStartAtLogin({ enabled: startAtLogin.checked })).message),
  );
  const withSecrets = h('input', { type: 'checkbox', name: 'includeSecrets' });
  const transfer = h('p', { role: 'status', class: 'transfer' });
  const versions = h('dl', { class: 'versions' });
  const log = h('pre', { class: 'log', tabindex: 0, 'aria-label': 'Connection log' });
  // The log is for a bug report, not for reading: it stays folded until asked for.
  const logBox = h(
    'details',
    { class: 'log-box' },
    h('summary', {}, 'Show the connection log'),
    h(
      'p',
      { class: 'help' },
      'What Tidings did lately, the newest last: attach it to a bug report.',
    ),
    log,
    h('button', { type: 'button', onclick: () => void loadDiagnostics() }, 'Refresh the log'),
  );

  async function loadDiagnostics() {
    const diagnostics = await bridge.diagnostics({});
    versions.replaceChildren(
      ...Object.entries(diagnostics.versions)
        .filter(([, version]) => version)
        .flatMap(([name, version]) => [
          h('dt', {}, VERSION_NAMES[name] ?? name),
          h('dd', {}, version),
        ]),
    );
    log.textContent = diagnostics.log.slice(-200).join('\n');
  }

  const logStatus = h('p', { role: 'status' });
  root.append(
    h('h2', {}, 'General'),
    h(
      'section',
      { 'aria-labelledby': 'secrets-heading' },
      h('h3', { id: 'secrets-heading' }, 'Passwords and tokens'),
      h(
        'p',
        { class: snapshot.secrets.protected ? 'secret-store' : 'secret-store warn' },
        `Kept in ${snapshot.secrets.store}.`,
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'start-heading' },
      h('h3', { id: 'start-heading' }, 'Start-up'),
      field({ label: 'Start Tidings when I log in', control: startAtLogin, field: 'startAtLogin' }),
    ),
    h(
      'section',
      { 'aria-label': 'Import and export' },
      h('h3', {}, 'Import and export'),
      field({
        label: 'Include passwords and tokens in the export',
        control: withSecrets,
        field: 'includeSecrets',
        help: 'Leave it off for a file you can share: each password or token is replaced by the name of an environment variable to set it in.',
      }),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              transfer.textContent = (
                await bridge.exportSettings({ includeSecrets: withSecrets.checked })
              ).message;
            },
          },
          'Export settings…',
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              const answer = await bridge.importSettings({});
              transfer.textContent = answer.ok
                ? 'Settings imported.'
                : importFailure(answer.errors);
            },
          },
          'Import settings…',
        ),
      ),
      transfer,
    ),
    h(
      'section',
      { 'aria-label': 'Troubleshooting' },
      h('h3', {}, 'Troubleshooting'),
      versions,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              logStatus.textContent = (await bridge.openLogFolder({})).message;
            },
          },
          'Open the log folder',
        ),
      ),
      logStatus,
      logBox,
    ),
  );
  void loadDiagnostics();
  return { update: () => {} };
}

/**
 * Why a file was not imported, in words: where in the file ("Account 1, broker" for
 * `accounts[0].broker`) and what was wrong, one line each.
 * @param {{ field: string, message: string }[]} errors
 */
export function importFailure(errors) {
  /** @param {string} text */
  const capital = (text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  const where = (/** @type {string} */ field) =>
    field
      .replace(/^accounts\[(\d+)\]/, (_, n) => `Account ${Number(n) + 1}`)
      .replace(/\[(\d+)\]/g, (_, n) => ` ${Number(n) + 1}`)
      .split('.')
      .join(', ');
  const lines = errors.map((e) =>
    e.field ? `${capital(where(e.field))}: ${e.message}` : capital(e.message),
  );
  // A cancelled choice is no failure: nothing to explain.
  if (errors.length === 1 && !errors[0]?.field && /cancelled/i.test(errors[0]?.message ?? ''))
    return lines[0] ?? '';
  return ['Nothing was imported; your settings are as they were.', ...lines].join('\n');
}
