// The fields each account type needs, as the settings schema (app/core/settings/accounts.ts)
// names them. `list` fields take comma-separated values, `json` fields a JSON value.

/**
 * @typedef {{ path: string, label: string, kind?: 'text' | 'password' | 'select' | 'list' | 'json' | 'checkbox', options?: string[], help?: string, required?: boolean }} FieldSpec
 */

/** @type {FieldSpec[]} */
const COMMON = [
  {
    path: 'id',
    label: 'Account id',
    required: true,
    help: 'Letters, digits, ".", "_" or "-"; used in rules.',
  },
  { path: 'name', label: 'Display name' },
  { path: 'enabled', label: 'Enabled', kind: 'checkbox' },
];

/** @type {Record<string, FieldSpec[]>} */
export const ACCOUNT_FIELDS = {
  dino: [
    ...COMMON,
    {
      path: 'broker',
      label: 'Broker URL',
      required: true,
      help: 'mqtt://, mqtts://, ws:// or wss://',
    },
    { path: 'userId', label: 'Dino user id', required: true },
    {
      path: 'environment',
      label: 'Environment',
      help: 'The middle of the topic dms/<environment>/<user id>, e.g. prod',
    },
    { path: 'topic', label: 'Topic', help: 'Leave empty for the default topic' },
    { path: 'auth.username', label: 'User name' },
    { path: 'auth.password', label: 'Password', kind: 'password' },
    { path: 'link', label: 'Link template', help: 'e.g. https://example.com/messages/{group_id}' },
  ],
  rocketchat: [
    ...COMMON,
    { path: 'server', label: 'Server URL', required: true, help: 'https://chat.example.com' },
    { path: 'auth.username', label: 'User name or email', required: true },
    { path: 'auth.password', label: 'Password', kind: 'password', required: true },
    { path: 'rooms', label: 'Extra rooms', kind: 'list', help: 'Room ids, comma-separated' },
  ],
  '3drepo': [
    ...COMMON,
    { path: 'server', label: 'Server URL', required: true, help: 'https://www.3drepo.io' },
    { path: 'chat.url', label: 'Chat URL', help: 'Leave empty to read it from the server' },
    {
      path: 'rooms',
      label: 'Rooms',
      kind: 'json',
      help: '[{"notifications": true}, {"teamspace": "…", "project": "…"}]',
    },
  ],
  kuzzle: [
    ...COMMON,
    { path: 'server', label: 'Server URL', required: true, help: 'ws://localhost:7512' },
    {
      path: 'transport',
      label: 'Transport',
      kind: 'select',
      options: ['websocket', 'socketio', 'mqtt'],
    },
    { path: 'auth.username', label: 'User name' },
    { path: 'auth.password', label: 'Password', kind: 'password' },
    {
      path: 'subscriptions',
      label: 'Subscriptions',
      kind: 'json',
      required: true,
      help: '[{"index": "shop", "collection": "orders"}]',
    },
  ],
};

/**
 * @param {Record<string, unknown>} object
 * @param {string} path
 * @returns {unknown}
 */
export function getPath(object, path) {
  /** @type {unknown} */
  let value = object;
  for (const part of path.split('.'))
    value =
      value && typeof value === 'object'
        ? /** @type {Record<string, unknown>} */ (value)[part]
        : undefined;
  return value;
}

/**
 * @param {Record<string, unknown>} object
 * @param {string} path
 * @param {unknown} value
 */
export function setPath(object, path, value) {
  const parts = path.split('.');
  let target = object;
  for (const part of parts.slice(0, -1)) {
    target[part] ??= {};
    target = /** @type {Record<string, unknown>} */ (target[part]);
  }
  target[/** @type {string} */ (parts.at(-1))] = value;
}
