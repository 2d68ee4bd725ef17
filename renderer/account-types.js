// Each account type as a person knows it: its product name, what it brings, the fields it needs
// (named as the settings schema, app/core/settings/accounts.ts, names them), the ways it can sign
// in, and what only an expert needs ("Advanced").
import { INBOX_TYPES } from './account-types-inbox.js';
import { NO_SIGN_IN, USER_AND_PASSWORD } from './sign-ins.js';

/**
 * @typedef {'text' | 'password' | 'select' | 'list' | 'json' | 'checkbox' | 'number'} FieldKind
 * @typedef {{ path: string, label: string, kind?: FieldKind, options?: [string, string][], help?: string, required?: boolean }} FieldSpec
 * @typedef {{ method: string, label: string, fields: FieldSpec[], help?: string }} SignIn
 * @typedef {{ keys: string[], find: string, one: string, many: string, nameOf(item: Record<string, unknown>): string, withinOf(item: Record<string, unknown>): string | undefined }} PickSpec
 *   What the room picker ticks into the list: entries are the same room when their `keys` agree.
 * @typedef {{ path: string, item: string, plural: string, fields: FieldSpec[], help: string, example: string, pick?: PickSpec }} ListSpec
 * @typedef {{ label: string, hint: string, fields: FieldSpec[], signIns: SignIn[], methodOf(auth: Record<string, unknown> | undefined): string, list?: ListSpec, advanced: FieldSpec[] }} AccountType
 */

const SCOPES = /** @type {[string, string][]} */ ([
  ['all', 'Documents entering and leaving the filter'],
  ['in', 'Documents entering the filter'],
  ['out', 'Documents leaving the filter'],
  ['none', 'No document changes'],
]);
const USER_EVENTS = /** @type {[string, string][]} */ ([
  ['none', 'No'],
  ['in', 'Users joining'],
  ['out', 'Users leaving'],
  ['all', 'Users joining and leaving'],
]);

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' && value !== '' ? value : undefined);

/** @type {Record<string, AccountType>} */
export const ACCOUNT_TYPES = {
  rocketchat: {
    label: 'Rocket.Chat',
    hint: 'Team chat: your direct messages, mentions and the rooms you follow.',
    fields: [
      {
        path: 'server',
        label: 'Server address',
        required: true,
        help: 'The address you open Rocket.Chat at, e.g. https://chat.example.com',
      },
    ],
    signIns: [
      {
        method: 'password',
        label: 'User name and password',
        fields: [
          { path: 'auth.username', label: 'User name or email', required: true },
          { path: 'auth.password', label: 'Password', kind: 'password', required: true },
          {
            path: 'auth.totp',
            label: 'Two-factor code',
            help: 'Only if your server asks for one: the code from your authenticator app or email.',
          },
        ],
      },
      {
        method: 'token',
        label: 'Personal access token',
        help: 'In Rocket.Chat: your avatar → My Account → Personal Access Tokens → Add. It shows the token and your user id once.',
        fields: [
          { path: 'auth.token', label: 'Token', kind: 'password', required: true },
          { path: 'auth.userId', label: 'User id', required: true },
        ],
      },
    ],
    methodOf: (auth) => (auth && 'token' in auth ? 'token' : 'password'),
    advanced: [
      {
        path: 'rooms',
        label: 'Extra room ids',
        kind: 'list',
        help: 'Rooms to follow besides the ones you are in, comma-separated.',
      },
    ],
  },
  '3drepo': {
    label: '3D Repo',
    hint: 'Comments, issues and risks on your 3D models.',
    fields: [
      {
        path: 'server',
        label: 'Server address',
        required: true,
        help: 'The address you open 3D Repo at, e.g. https://www.3drepo.io',
      },
    ],
    signIns: [
      {
        method: 'browser',
        label: 'Sign in with browser',
        help: 'A sign-in window opens on your server (single sign-on works); Tidings keeps only the session.',
        fields: [],
      },
      {
        method: 'password',
        label: 'User name and password',
        help: 'For servers older than the single sign-on.',
        fields: [
          { path: 'auth.username', label: 'User name', required: true },
          { path: 'auth.password', label: 'Password', kind: 'password', required: true },
        ],
      },
    ],
    methodOf: (auth) => (auth && 'username' in auth ? 'password' : 'browser'),
    list: {
      path: 'rooms',
      item: 'Model or project',
      plural: 'Models and projects',
      help: 'Leave the list empty for your 3D Repo notification feed only.',
      example: '[{"notifications": true}, {"teamspace": "acme", "project": "…", "model": "…"}]',
      pick: {
        keys: ['teamspace', 'project', 'model'],
        find: 'Find models on the server',
        one: 'model or project',
        many: 'models and projects',
        nameOf: (i) => text(i.name) ?? text(i.model) ?? text(i.project) ?? '?',
        withinOf: (i) => text(i.teamspace),
      },
      fields: [
        { path: 'teamspace', label: 'Teamspace', required: true },
        { path: 'project', label: 'Project id', required: true },
        { path: 'model', label: 'Model id', help: 'Leave empty for the whole project.' },
        { path: 'name', label: 'Name shown in notifications', help: 'e.g. Tower' },
      ],
    },
    advanced: [
      {
        path: 'chat.url',
        label: 'Chat service address',
        help: 'Leave empty to read it from the server.',
      },
      { path: 'chat.path', label: 'Chat service path', help: 'e.g. /chat/' },
    ],
  },
  dino: {
    label: 'Dino',
    hint: 'Dino messages and groups, delivered over MQTT.',
    fields: [
      {
        path: 'broker',
        label: 'Broker address',
        required: true,
        help: 'mqtt://, mqtts://, ws:// or wss://, e.g. mqtts://broker.example.com:8883',
      },
      { path: 'userId', label: 'Dino user id', required: true },
      {
        path: 'environment',
        label: 'Environment',
        help: 'The middle of the topic dms/<environment>/<user id>, e.g. prod',
      },
    ],
    signIns: [NO_SIGN_IN, USER_AND_PASSWORD],
    methodOf: (auth) => (auth ? 'password' : 'none'),
    advanced: [
      { path: 'topic', label: 'Topic', help: 'Leave empty for dms/<environment>/<user id>.' },
      { path: 'topics', label: 'More topics', kind: 'list', help: 'Comma-separated.' },
      { path: 'clientId', label: 'MQTT client id' },
      { path: 'sessionExpirySeconds', label: 'Session expiry (seconds)', kind: 'number' },
      {
        path: 'link',
        label: 'Link template',
        help: 'e.g. https://example.com/messages/{group_id}',
      },
    ],
  },
  kuzzle: {
    label: 'Kuzzle',
    hint: 'Realtime changes to the Kuzzle collections you subscribe to.',
    fields: [
      {
        path: 'server',
        label: 'Server address',
        required: true,
        help: 'e.g. ws://localhost:7512',
      },
      {
        path: 'transport',
        label: 'Connection',
        kind: 'select',
        required: true,
        options: [
          ['websocket', 'WebSocket'],
          ['socketio', 'Socket.io (Kuzzle 1)'],
          ['mqtt', 'MQTT'],
        ],
      },
    ],
    signIns: [
      { method: 'none', label: 'No sign-in (anonymous)', fields: [] },
      {
        method: 'password',
        label: 'User name and password',
        fields: [
          { path: 'auth.username', label: 'User name', required: true },
          { path: 'auth.password', label: 'Password', kind: 'password', required: true },
        ],
      },
      {
        method: 'apiKey',
        label: 'API key',
        fields: [{ path: 'auth.apiKey', label: 'API key', kind: 'password', required: true }],
      },
      {
        method: 'token',
        label: 'Token',
        fields: [{ path: 'auth.token', label: 'Token', kind: 'password', required: true }],
      },
    ],
    methodOf: (auth) =>
      !auth ? 'none' : 'apiKey' in auth ? 'apiKey' : 'token' in auth ? 'token' : 'password',
    list: {
      path: 'subscriptions',
      item: 'Subscription',
      plural: 'Subscriptions',
      help: 'At least one: the index and collection whose changes notify you.',
      example:
        '[{"index": "shop", "collection": "orders", "filters": {"equals": {"status": "new"}}}]',
      pick: {
        keys: ['index', 'collection'],
        find: 'Find collections on the server',
        one: 'collection',
        many: 'collections',
        nameOf: (i) => text(i.collection) ?? '?',
        withinOf: (i) => text(i.index),
      },
      fields: [
        { path: 'index', label: 'Index', required: true },
        { path: 'collection', label: 'Collection', required: true },
        { path: 'scope', label: 'Notify about', kind: 'select', options: SCOPES },
        { path: 'users', label: 'User events', kind: 'select', options: USER_EVENTS },
        { path: 'title', label: 'Title template', help: 'e.g. Order {_id}' },
        { path: 'body', label: 'Text template', help: 'e.g. {_source.total} €' },
        { path: 'filters', label: 'Filters (Koncorde, JSON)', kind: 'json' },
      ],
    },
    advanced: [],
  },
  ...INBOX_TYPES,
  // issue 16: push services
  ntfy: {
    label: 'ntfy',
    hint: 'Push notifications from scripts, servers and CI, by topic (ntfy.sh or your own).',
    fields: [
      {
        path: 'server',
        label: 'Server address',
        required: true,
        help: 'e.g. https://ntfy.sh or your own server',
      },
      {
        path: 'topics',
        label: 'Topics',
        kind: 'list',
        required: true,
        help: 'Comma-separated, e.g. backups, ci',
      },
      {
        path: 'minPriority',
        label: 'Lowest priority to show',
        kind: 'number',
        help: '1 (min) to 5 (max); lower ones go to history only. 4 and 5 show as urgent.',
      },
    ],
    signIns: [
      { method: 'none', label: 'No sign-in (public topics)', fields: [] },
      {
        method: 'token',
        label: 'Access token',
        help: 'In ntfy: Account → Access tokens → Create access token (tk_…).',
        fields: [{ path: 'auth.token', label: 'Token', kind: 'password', required: true }],
      },
      {
        method: 'password',
        label: 'User name and password',
        fields: [
          { path: 'auth.username', label: 'User name', required: true },
          { path: 'auth.password', label: 'Password', kind: 'password', required: true },
        ],
      },
    ],
    methodOf: (auth) => (!auth ? 'none' : 'token' in auth ? 'token' : 'password'),
    advanced: [],
  },
  gotify: {
    label: 'Gotify',
    hint: 'Messages your applications push to your own Gotify server.',
    fields: [
      {
        path: 'server',
        label: 'Server address',
        required: true,
        help: 'The address you open Gotify at, e.g. https://gotify.example.com',
      },
      {
        path: 'minPriority',
        label: 'Lowest priority to show',
        kind: 'number',
        help: '0 to 10; lower ones (and 0 always) go to history only. 8 and up show as urgent.',
      },
    ],
    signIns: [
      {
        method: 'token',
        label: 'Client token',
        help: 'In Gotify: Clients → Create client; copy its token (C…).',
        fields: [{ path: 'auth.token', label: 'Client token', kind: 'password', required: true }],
      },
      {
        method: 'password',
        label: 'User name and password',
        fields: [
          { path: 'auth.username', label: 'User name', required: true },
          { path: 'auth.password', label: 'Password', kind: 'password', required: true },
        ],
      },
    ],
    methodOf: (auth) => (auth && 'username' in auth ? 'password' : 'token'),
    advanced: [],
  },
};

/** A type's product name; the id itself for a type this window does not know. */
export const typeLabel = (/** @type {string} */ type) => ACCOUNT_TYPES[type]?.label ?? type;

/**
 * An account id made from its name: "Team chat" → "team-chat", unique among `taken`.
 * @param {string} name
 * @param {Set<string>} taken
 */
export function idFromName(name, taken) {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|-+$/g, '') || 'account';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
