import { z } from 'zod';
import { linkTemplate, nonEmptyString, secret, urlWithSchemes } from './fields.js';
import { DEFAULT_LISTEN, parseListenAddress } from './listen-address.js';

const accountBase = {
  id: z
    .string({ error: 'expected an account id' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-"'),
  name: z.string().optional(),
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
};

const passwordAuth = z.strictObject({
  username: nonEmptyString('a user name'),
  password: secret,
});

const rocketchatAuth = z.union(
  [
    z.strictObject({
      username: nonEmptyString('a user name or email'),
      password: secret,
      totp: z.string().optional(),
    }),
    z.strictObject({ userId: nonEmptyString('a user id'), token: secret }),
  ],
  { error: 'expected { "username", "password" } or { "userId", "token" }' },
);

export const rocketchatAccount = z.strictObject({
  ...accountBase,
  type: z.literal('rocketchat'),
  server: urlWithSchemes(['http', 'https']),
  auth: rocketchatAuth,
  rooms: z.array(nonEmptyString('a room id')).optional(),
});

const threeDRepoRoom = z.union(
  [
    z.strictObject({ notifications: z.literal(true) }),
    z.strictObject({
      teamspace: nonEmptyString('a teamspace'),
      project: nonEmptyString('a project id'),
      model: z.string().min(1).optional(),
      /** How notifications and the status name the room ("Tower"); events only carry ids. */
      name: z.string().min(1).optional(),
    }),
  ],
  { error: 'expected { "notifications": true } or { "teamspace", "project", "model"? }' },
);

export const threeDRepoAccount = z.strictObject({
  ...accountBase,
  type: z.literal('3drepo'),
  server: urlWithSchemes(['http', 'https']),
  chat: z
    .strictObject({
      url: urlWithSchemes(['http', 'https', 'ws', 'wss']),
      path: z.string().startsWith('/', 'expected a path starting with /').optional(),
    })
    .optional(),
  /**
   * `cookie`: the Cookie header the web app's session sends, "connect.sid=…" (a bare value is
   * taken as connect.sid), optionally with "; csrf_token=…" as the desktop sign-in window reads
   * them. `username`/`password`: `POST /v5/login` on servers older than the SSO sign-in.
   */
  auth: z
    .union([z.strictObject({ cookie: secret }), passwordAuth], {
      error: 'expected { "cookie" } or { "username", "password" }',
    })
    .optional(),
  rooms: z.array(threeDRepoRoom).min(1, 'expected at least one room').optional(),
});

export const dinoAccount = z.strictObject({
  ...accountBase,
  type: z.literal('dino'),
  broker: urlWithSchemes(['mqtt', 'mqtts', 'ws', 'wss']),
  userId: nonEmptyString('a user id'),
  /** Dino's environment name (`prod`, `testpopp`): the middle of the default topic `dms/<env>/<user id>`. */
  environment: nonEmptyString('a Dino environment name such as prod')
    .regex(/^[^/+#]+$/, 'expected a Dino environment name without "/", "+" or "#"')
    .optional(),
  topic: nonEmptyString('an MQTT topic').optional(),
  topics: z.array(nonEmptyString('an MQTT topic')).optional(),
  clientId: nonEmptyString('an MQTT client id').optional(),
  sessionExpirySeconds: z.number().int().min(0).optional(),
  auth: passwordAuth.optional(),
  link: linkTemplate.optional(),
});

const kuzzleScope = z.enum(['all', 'in', 'out', 'none'], {
  error: 'expected "all", "in", "out" or "none"',
});

export const kuzzleSubscription = z.strictObject({
  index: nonEmptyString('an index name'),
  collection: nonEmptyString('a collection name'),
  filters: z
    .record(z.string(), z.unknown(), { error: 'expected a JSON object (Koncorde filters)' })
    .optional(),
  scope: kuzzleScope.optional(),
  users: kuzzleScope.optional(),
  volatile: z.record(z.string(), z.unknown(), { error: 'expected a JSON object' }).optional(),
  title: z.string().optional(),
  body: z.string().optional(),
  link: linkTemplate.optional(),
});

export const kuzzleAccount = z.strictObject({
  ...accountBase,
  type: z.literal('kuzzle'),
  server: urlWithSchemes(['ws', 'wss', 'http', 'https', 'mqtt', 'mqtts']),
  transport: z.enum(['websocket', 'socketio', 'mqtt'], {
    error: 'expected "websocket", "socketio" or "mqtt"',
  }),
  auth: z
    .union([passwordAuth, z.strictObject({ apiKey: secret }), z.strictObject({ token: secret })], {
      error: 'expected { "username", "password" }, { "apiKey" } or { "token" }',
    })
    .optional(),
  subscriptions: z.array(kuzzleSubscription).min(1, 'expected at least one subscription'),
});

// --- Any MQTT topic and the webhook inbox (issue 16) ---

/** An MQTT topic filter: `+` stands for one whole level, `#` for the rest and comes last. */
const mqttTopicFilter = nonEmptyString('an MQTT topic filter such as home/+/alarm').refine(
  (filter) =>
    filter.split('/').every((level, index, levels) => {
      if (level.includes('#')) return level === '#' && index === levels.length - 1;
      return !level.includes('+') || level === '+';
    }),
  'expected an MQTT topic filter: "+" only as a whole level, "#" only as the last level',
);

export const mqttAccount = z.strictObject({
  ...accountBase,
  type: z.literal('mqtt'),
  broker: urlWithSchemes(['mqtt', 'mqtts', 'ws', 'wss']),
  topics: z.array(mqttTopicFilter).min(1, 'expected at least one topic'),
  auth: passwordAuth.optional(),
  /** Unset: MQTT 5, and 3.1.1 when the broker refuses 5. */
  mqttVersion: z.enum(['5', '3.1.1'], { error: 'expected "5" or "3.1.1"' }).optional(),
  clientId: nonEmptyString('an MQTT client id').optional(),
  sessionExpirySeconds: z.number().int().min(0).optional(),
  /** Templates over {{topic}}, {{payload}} (the text) and {{payload.field}} (JSON payloads). */
  title: z.string().optional(),
  body: z.string().optional(),
  link: linkTemplate.optional(),
  /** What a room is, for folding and muting: the topic filter that matched (default), or each topic. */
  room: z.enum(['filter', 'topic'], { error: 'expected "filter" or "topic"' }).optional(),
});

export const webhookAccount = z
  .strictObject({
    ...accountBase,
    type: z.literal('webhook'),
    listen: z.string({ error: 'expected an address and port such as 127.0.0.1:8787' }).optional(),
    token: secret.optional(),
    format: z.enum(['rocketchat', 'json'], { error: 'expected "rocketchat" or "json"' }).optional(),
    /** `json` format: templates over {{payload.field}}; `room` names the conversation to fold in. */
    title: z.string().optional(),
    body: z.string().optional(),
    link: linkTemplate.optional(),
    room: z.string().optional(),
  })
  .superRefine((hook, ctx) => {
    const address = parseListenAddress(hook.listen ?? DEFAULT_LISTEN);
    if (typeof address === 'string')
      ctx.addIssue({ code: 'custom', path: ['listen'], message: address });
    else if (!address.loopback && hook.token === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['token'],
        message: `expected a token: listening on ${hook.listen ?? DEFAULT_LISTEN} lets other machines in, so senders must prove who they are`,
      });
  });

export type MqttAccount = z.infer<typeof mqttAccount>;
export type WebhookAccount = z.infer<typeof webhookAccount>;

// --- end of issue 16's MQTT and webhook types ---

// ntfy and Gotify (issue 16): push services; catch-up by message id.

/** ntfy's topic names, as its server's routes accept them (`[-_A-Za-z0-9]{1,64}`). */
const ntfyTopic = z
  .string({ error: 'expected an ntfy topic name' })
  .regex(
    /^[-_A-Za-z0-9]{1,64}$/,
    'expected an ntfy topic name of 1 to 64 letters, digits, "-" or "_"',
  );

const tokenOrPassword = (what: string) =>
  z.union([z.strictObject({ token: secret }), passwordAuth], {
    error: `expected { "token" } (${what}) or { "username", "password" }`,
  });

export const ntfyAccount = z.strictObject({
  ...accountBase,
  type: z.literal('ntfy'),
  server: urlWithSchemes(['http', 'https']),
  topics: z.array(ntfyTopic).min(1, 'expected at least one topic'),
  /** Omitted where the server allows anonymous reads. */
  auth: tokenOrPassword('an access token, tk_…').optional(),
  /** Messages below this priority (1–5) go to history only. */
  minPriority: z
    .number({ error: 'expected a priority from 1 to 5' })
    .int('expected a priority from 1 to 5')
    .min(1, 'expected a priority from 1 to 5')
    .max(5, 'expected a priority from 1 to 5')
    .optional(),
});

export const gotifyAccount = z.strictObject({
  ...accountBase,
  type: z.literal('gotify'),
  server: urlWithSchemes(['http', 'https']),
  auth: tokenOrPassword('a client token'),
  /** Messages below this priority (0–10) go to history only; 0 always does. */
  minPriority: z
    .number({ error: 'expected a priority from 0 to 10' })
    .int('expected a priority from 0 to 10')
    .min(0, 'expected a priority from 0 to 10')
    .max(10, 'expected a priority from 0 to 10')
    .optional(),
});

export const ACCOUNT_TYPES = [
  'rocketchat',
  '3drepo',
  'dino',
  'kuzzle',
  'ntfy',
  'gotify',
  'mqtt',
  'webhook',
] as const;

export const account = z.discriminatedUnion(
  'type',
  [
    rocketchatAccount,
    threeDRepoAccount,
    dinoAccount,
    kuzzleAccount,
    ntfyAccount,
    gotifyAccount,
    mqttAccount,
    webhookAccount,
  ],
  { error: `expected a type: ${ACCOUNT_TYPES.join(', ')}` },
);

export type Account = z.infer<typeof account>;
export type AccountType = Account['type'];
export type RocketChatAccount = z.infer<typeof rocketchatAccount>;
export type ThreeDRepoAccount = z.infer<typeof threeDRepoAccount>;
export type DinoAccount = z.infer<typeof dinoAccount>;
export type KuzzleAccount = z.infer<typeof kuzzleAccount>;
export type NtfyAccount = z.infer<typeof ntfyAccount>;
export type GotifyAccount = z.infer<typeof gotifyAccount>;
