// The page's own settings: do-not-disturb now, and the defaults every account and room falls
// back to. Each control saves itself through `saving` (the page saves as you go).
import { announce, field, h } from './dom.js';
import { LEVEL_WORDS } from './room-rules.js';

/**
 * @typedef {import('../app/ipc/contract.js').TidingsBridge} TidingsBridge
 * @typedef {import('../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 * @typedef {(control: HTMLInputElement | HTMLSelectElement, name: string, check: (value: string, checked: boolean) => ((n: NotificationSettings) => NotificationSettings) | string, said: string) => HTMLInputElement | HTMLSelectElement} Saving
 */

// Turning it off is a button of its own, shown while it is on: a choice in a list is not an action.
const DND_CHOICES = /** @type {const} */ ([
  ['30m', 'For 30 minutes'],
  ['1h', 'For 1 hour'],
  ['tomorrow-morning', 'Until tomorrow morning'],
  ['until-off', 'Until I turn it off'],
]);

/** While it is on, the same list changes how long. @param {boolean} active */
const dndLabel = (active) =>
  active ? 'Change how long do not disturb lasts' : 'Turn on do not disturb';

/** @param {string} text */
const splitList = (text) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * @param {{ bridge: TidingsBridge, snapshot: AppSnapshot, settings: NotificationSettings, saving: Saving }} options
 */
export function defaultSections({ bridge, snapshot, settings, saving }) {
  const level = saving(
    h(
      'select',
      { name: 'level' },
      ...Object.entries(LEVEL_WORDS).map(([v, w]) =>
        h('option', { value: v, selected: v === settings.level }, w),
      ),
    ),
    'level',
    (v) => (n) => ({ ...n, level: /** @type {any} */ (v) }),
    'Saved: what notifies.',
  );
  const keywords = saving(
    h('input', { type: 'text', name: 'keywords', value: settings.keywords.join(', ') }),
    'keywords',
    (v) => (n) => ({ ...n, keywords: splitList(v) }),
    'Saved: keywords.',
  );
  const senders = saving(
    h('input', { type: 'text', name: 'senders', value: settings.senders.join(', ') }),
    'senders',
    (v) => (n) => ({ ...n, senders: splitList(v) }),
    'Saved: people.',
  );
  const burst = saving(
    h('input', {
      type: 'number',
      name: 'coalesceSeconds',
      min: 0,
      max: 600,
      step: 0.5,
      value: settings.coalesceMs / 1000,
    }),
    'coalesceMs',
    (v) => {
      const seconds = Number(v);
      if (v === '' || Number.isNaN(seconds) || seconds < 0 || seconds > 600)
        return 'enter a number of seconds from 0 to 600';
      return (n) => ({ ...n, coalesceMs: Math.round(seconds * 1000) });
    },
    'Saved: how long a room’s messages are combined.',
  );
  const sound = saving(
    h('input', { type: 'checkbox', name: 'sound', checked: settings.sound }),
    'sound',
    (_v, on) => (n) => ({ ...n, sound: on }),
    'Saved: sound.',
  );
  const summary = saving(
    h('input', { type: 'checkbox', name: 'summary', checked: settings.dnd.summary === true }),
    'dnd.summary',
    (_v, on) => (n) => ({ ...n, dnd: { ...n.dnd, summary: on } }),
    'Saved: summary after do not disturb.',
  );
  const respectSystem = saving(
    h('input', {
      type: 'checkbox',
      name: 'respectSystem',
      checked: settings.dnd.respectSystem !== false,
    }),
    'dnd.respectSystem',
    (_v, on) => (n) => ({ ...n, dnd: { ...n.dnd, respectSystem: on } }),
    'Saved: the system’s do not disturb.',
  );
  const mentionsThroughSystem = saving(
    h('input', {
      type: 'checkbox',
      name: 'mentionsThroughSystem',
      checked: settings.dnd.mentionsThroughSystem === true,
      // Only means something while the system's switch is respected.
      disabled: settings.dnd.respectSystem === false,
    }),
    'dnd.mentionsThroughSystem',
    (_v, on) => (n) => ({ ...n, dnd: { ...n.dnd, mentionsThroughSystem: on } }),
    'Saved: mentions during the system’s do not disturb.',
  );
  respectSystem.addEventListener('change', () => {
    mentionsThroughSystem.disabled = !(/** @type {HTMLInputElement} */ (respectSystem).checked);
  });
  const dnd = h(
    'select',
    { name: 'dnd' },
    h('option', { value: '' }, 'Choose how long…'),
    ...DND_CHOICES.map(([value, label]) => h('option', { value }, label)),
  );
  dnd.addEventListener('change', async () => {
    if (!dnd.value) return;
    announce((await bridge.setDnd({ choice: /** @type {any} */ (dnd.value) })).message);
    dnd.value = '';
  });
  const dndOff = h(
    'button',
    {
      type: 'button',
      class: 'dnd-off',
      hidden: !snapshot.dnd.active,
      onclick: async () => {
        announce((await bridge.setDnd({ choice: 'off' })).message);
        // The button hides once it is off: the focus goes to what turns it on again.
        dnd.focus();
      },
    },
    'Turn off do not disturb',
  );
  const dndField = field({
    label: dndLabel(snapshot.dnd.active),
    control: dnd,
    field: 'dnd.choice',
    help: 'What it holds back stays in History.',
  });
  const dndState = h(
    'p',
    { class: 'dnd-state', role: 'status' },
    `Tidings’ own do not disturb: ${snapshot.dnd.label}`,
  );
  const systemDndState = h(
    'p',
    {
      class: `system-dnd-state${snapshot.systemDnd.holding ? ' holding' : ''}`,
      role: 'status',
    },
    snapshot.systemDnd.label,
  );

  const dndSection = h(
    'section',
    { 'aria-labelledby': 'dnd-heading' },
    h('h3', { id: 'dnd-heading' }, 'Do not disturb'),
    dndState,
    dndField,
    dndOff,
    field({
      label: 'Show a summary of what was held back when it ends',
      control: summary,
      field: 'dnd.summary',
    }),
    systemDndState,
    field({
      label: 'Respect the system’s do not disturb',
      control: respectSystem,
      field: 'dnd.respectSystem',
      help: 'GNOME, KDE Plasma and dunst on Linux, Focus on macOS, Focus Assist on Windows.',
    }),
    field({
      label: 'Let mentions and direct messages through it',
      control: mentionsThroughSystem,
      field: 'dnd.mentionsThroughSystem',
    }),
  );
  const generalSection = h(
    'section',
    { 'aria-labelledby': 'general-heading' },
    h('h3', { id: 'general-heading' }, 'General'),
    field({
      label: 'Notify me about',
      control: level,
      field: 'level',
      help: 'For accounts left on “General default”.',
    }),
    field({
      label: 'Keywords that count as mentions',
      control: keywords,
      field: 'keywords',
      help: 'Comma-separated, e.g. deploy, outage',
    }),
    field({
      label: 'People whose messages count as mentions',
      control: senders,
      field: 'senders',
      help: 'User names, comma-separated, e.g. alice, ci-bot',
    }),
    field({
      label: 'Combine a room’s messages that arrive within',
      control: burst,
      field: 'coalesceMs',
      unit: 'seconds',
      help: 'The first shows at once, the rest fold into one notification; 0 shows each as it comes.',
    }),
    field({ label: 'Play a sound', control: sound, field: 'sound' }),
    h(
      'button',
      {
        type: 'button',
        onclick: async () => announce((await bridge.sendTestNotification({})).message),
      },
      'Send a test notification',
    ),
  );
  return {
    dndSection,
    generalSection,
    /** @param {AppSnapshot['dnd']} own @param {AppSnapshot['systemDnd']} system */
    showDnd: (own, system) => {
      dndState.textContent = `Tidings’ own do not disturb: ${own.label}`;
      dndOff.hidden = !own.active;
      const label = dndField.querySelector('label');
      if (label) label.textContent = dndLabel(own.active);
      systemDndState.textContent = system.label;
      systemDndState.classList.toggle('holding', system.holding);
    },
  };
}
