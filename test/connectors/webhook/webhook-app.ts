// The app around one webhook inbox (see test/support/connector-app.ts): the real Supervisor
// driving the real webhook connector, events into the real Pipeline, a recording sink. Each app
// gets its own listener registry, as separate processes would.
import { webhookAccount, type WebhookAccount } from '../../../app/core/settings/accounts.js';
import { webhookConnector } from '../../../app/connectors/webhook/connector.js';
import { HookListeners } from '../../../app/connectors/webhook/listeners.js';
import {
  startConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '../../support/connector-app.js';

export type WebhookApp = ConnectorApp<WebhookAccount> & {
  /** Where senders post, from the status ("listening"). */
  url(): string;
};

let counter = 0;

export function makeWebhookAccount(overrides: Partial<WebhookAccount> = {}): WebhookAccount {
  return webhookAccount.parse({
    id: `hooks-${++counter}`,
    type: 'webhook',
    // Any free loopback port; the status says which.
    listen: '127.0.0.1:0',
    ...overrides,
  });
}

export function startWebhookApp(
  account: WebhookAccount,
  options: Pick<ConnectorAppOptions, 'clock' | 'backoff' | 'settings' | 'persisted'> & {
    listeners?: HookListeners;
  } = {},
): WebhookApp {
  const app = startConnectorApp(
    account,
    webhookConnector({ listeners: options.listeners ?? new HookListeners() }),
    options,
  );
  return Object.assign(app, {
    url() {
      const url = app.status().details?.listening;
      if (!url) throw new Error('the inbox is not listening');
      return url;
    },
  });
}

/** A POST with a JSON body (a string is sent as it is), as any sender would make it. */
export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
