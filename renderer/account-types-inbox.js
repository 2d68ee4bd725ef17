// The two sources that are not one product's server: any MQTT topic on any broker, and an inbox
// for webhooks (issue 16). Same shape as the types in account-types.js, which spreads these in.

import { NO_SIGN_IN, USER_AND_PASSWORD } from './sign-ins.js';

/** @typedef {import('./account-types.js').AccountType} AccountType */

/** @type {Record<string, AccountType>} */
export const INBOX_TYPES = {
  mqtt: {
    label: 'Any MQTT topic',
    hint: 'Messages on the MQTT topics you name, from any broker: sensors, alarms, home automation.',
    fields: [
      {
        path: 'broker',
        label: 'Broker address',
        required: true,
        help: 'mqtt://, mqtts://, ws:// or wss://, e.g. mqtts://broker.example.com:8883',
      },
      {
        path: 'topics',
        label: 'Topics',
        kind: 'list',
        required: true,
        help: 'Comma-separated; + stands for one level, # for the rest, e.g. home/+/alarm, sensors/#',
      },
      {
        path: 'title',
        label: 'Title template',
        help: 'Leave empty for the topic. {{topic}}, {{payload}} (the text), {{payload.field}} (JSON)',
      },
      {
        path: 'body',
        label: 'Text template',
        help: 'Leave empty for the message as it is, e.g. {{payload.message}}',
      },
    ],
    signIns: [NO_SIGN_IN, USER_AND_PASSWORD],
    methodOf: (auth) => (auth ? 'password' : 'none'),
    advanced: [
      {
        path: 'link',
        label: 'Link template',
        help: 'e.g. https://home.example.com/rooms/{{payload.room}}',
      },
      {
        path: 'room',
        label: 'Fold bursts per',
        kind: 'select',
        options: [
          ['filter', 'Topic filter (home/+/alarm)'],
          ['topic', 'Topic (home/kitchen/alarm)'],
        ],
      },
      {
        path: 'mqttVersion',
        label: 'MQTT version',
        kind: 'select',
        options: [
          ['5', 'MQTT 5'],
          ['3.1.1', 'MQTT 3.1.1'],
        ],
        help: 'Default: MQTT 5, and 3.1.1 if the broker is older.',
      },
      { path: 'clientId', label: 'MQTT client id' },
      { path: 'sessionExpirySeconds', label: 'Session expiry (seconds)', kind: 'number' },
    ],
  },
  webhook: {
    label: 'Webhook inbox',
    hint: 'Receives webhooks: Rocket.Chat outgoing webhooks, CI and monitoring alerts posted as JSON.',
    fields: [
      {
        path: 'format',
        label: 'Sent by',
        kind: 'select',
        // Required, so no "Default" choice: the first is what an account without `format` means.
        required: true,
        options: [
          ['json', 'Anything that posts JSON'],
          ['rocketchat', 'Rocket.Chat outgoing webhook'],
        ],
      },
      {
        path: 'listen',
        label: 'Listen on',
        help: 'Default 127.0.0.1:8787 (this computer only). Senders post to http://<address>/hooks/<account id>',
      },
      {
        path: 'token',
        label: 'Token',
        kind: 'password',
        help: 'Senders give it as Authorization: Bearer, as ?token=, or (Rocket.Chat) in the payload. Needed beyond this computer.',
      },
    ],
    signIns: [NO_SIGN_IN],
    methodOf: () => 'none',
    advanced: [
      { path: 'title', label: 'Title template', help: 'JSON format, e.g. {{payload.title}}' },
      { path: 'body', label: 'Text template', help: 'e.g. {{payload.message}}' },
      {
        path: 'room',
        label: 'Room template',
        help: 'What bursts fold by, e.g. {{payload.service}}',
      },
      { path: 'link', label: 'Link template', help: 'e.g. https://ci.example.com/{{payload.id}}' },
    ],
  },
};
