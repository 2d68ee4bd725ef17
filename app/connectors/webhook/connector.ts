import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadFrames } from '../../core/bad-frames.js';
import { systemClock } from '../../core/clock.js';
import {
  ConnectorError,
  type Connector,
  type ConnectorContext,
  type ConnectorFactory,
} from '../../core/connector.js';
import type { TidingsEvent } from '../../core/events.js';
import type { WebhookAccount } from '../../core/settings/accounts.js';
import { DEFAULT_LISTEN, parseListenAddress } from '../../core/settings/listen-address.js';
import { parseJsonFrame } from '../shared/frame-limit.js';
import { isPayload } from '../shared/payload.js';
import { readSecret } from '../shared/read-secret.js';
import { mapJsonHook } from './json-format.js';
import { answer, hookListeners, type HookListeners, type HookRoute } from './listeners.js';
import {
  isJson,
  MAX_BODY_WORDS,
  namesLoopback,
  readBody,
  sameToken,
  tokenOutsideBody,
} from './request.js';
import { mapRocketChatHook } from './rocketchat.js';
import { WrongTokens } from './wrong-tokens.js';

export interface WebhookTuning {
  /** Tests give each app its own registry, as separate processes would have. */
  listeners?: HookListeners;
}

export const createWebhookConnector: ConnectorFactory<WebhookAccount> = (account, context) =>
  webhookConnector()(account, context);

export function webhookConnector(tuning: WebhookTuning = {}): ConnectorFactory<WebhookAccount> {
  return (account, context) => createConnector(account, context, tuning.listeners ?? hookListeners);
}

/**
 * A webhook inbox: its "connection" is the route `/hooks/<account id>` on an HTTP listener,
 * online while the listener is bound. A request is answered only once what it brought is
 * committed, so a sender that gets its 200 never has to send again, and one that does not
 * (Rocket.Chat retries failed calls) sends the same body, which dedupe recognises.
 */
function createConnector(
  account: WebhookAccount,
  context: ConnectorContext,
  listeners: HookListeners,
): Connector {
  const format = account.format ?? 'json';
  const refused = new BadFrames({
    account: account.id,
    server: 'Webhook sender',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
  });
  const wrongTokens = new WrongTokens(account.id, context);
  let route: HookRoute | undefined;
  let token: string | undefined;
  let arrivals = 0;

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return answer(response, 405, { error: 'expected a POST' });
    }
    // An open inbox (no token) is on loopback only, and keeps web pages out: a page must ask
    // first (CORS preflight) before it sends JSON, which this inbox never grants, and one that
    // had its name pointed at 127.0.0.1 still sends that name as its Host.
    if (token === undefined && !namesLoopback(request))
      return answer(response, 403, {
        error: 'expected a Host of this machine (127.0.0.1, localhost)',
      });
    if (token === undefined && !isJson(request))
      return answer(response, 415, { error: 'expected Content-Type: application/json' });
    const outside = tokenOutsideBody(request, url);
    if (token !== undefined && outside !== undefined && !sameToken(outside, token))
      return refuse(response, request);
    const body = await readBody(request);
    if (!body.ok) {
      if (body.reason === 'too large') refused.refused('too large');
      return answer(response, 413, { error: `expected a body of at most ${MAX_BODY_WORDS}` });
    }
    const parsed = parseJsonFrame(body.text, (value): value is unknown => value !== undefined);
    const inBody =
      parsed.ok && isPayload(parsed.value) && typeof parsed.value.token === 'string'
        ? parsed.value.token
        : undefined;
    const signedIn =
      token === undefined ||
      outside !== undefined ||
      (format === 'rocketchat' && inBody !== undefined && sameToken(inBody, token));
    if (!parsed.ok) {
      // From a sender that proved who it is, what it sent is kept (in history, not shown).
      refused.refused(parsed.kind);
      if (signedIn) await keep(unreadable(body.text, parsed.kind));
      return answer(response, 400, { error: `expected JSON (${parsed.kind})` });
    }
    if (!signedIn) return refuse(response, request);
    const payload = parsed.value;
    const receivedAt = Date.now();
    const hook = {
      account: account.id,
      receivedAt,
      bodyText: body.text,
      arrival: `${receivedAt}.${++arrivals}`,
    };
    if (format === 'rocketchat' && !isPayload(payload))
      return answer(response, 400, { error: 'expected a JSON object' });
    const event =
      format === 'rocketchat' && isPayload(payload)
        ? mapRocketChatHook(payload, hook)
        : mapJsonHook(payload, account, hook);
    await keep(event);
    // Rocket.Chat posts a reply into the room when the answer has `text`: an empty object has none.
    answer(response, 200, format === 'rocketchat' ? {} : { ok: true });
  }

  async function keep(event: TidingsEvent): Promise<void> {
    context.emit(event);
    await context.persisted?.();
  }

  function unreadable(bodyText: string, why: string): TidingsEvent {
    const receivedAt = Date.now();
    return {
      account: account.id,
      kind: 'unknown',
      id: `unreadable:${receivedAt}.${++arrivals}`,
      time: receivedAt,
      room: { id: 'webhook', name: 'webhook', type: 'collection' },
      title: account.name ?? account.id,
      body: bodyText,
      mentionsUser: false,
      ownMessage: false,
      historyOnly: `request body is not JSON (${why})`,
    };
  }

  function refuse(response: ServerResponse, request: IncomingMessage): void {
    wrongTokens.refused(request.socket.remoteAddress);
    answer(response, 401, { error: 'wrong or missing token' });
  }

  const connector: Connector = {
    async connect() {
      await connector.close();
      const listen = account.listen ?? DEFAULT_LISTEN;
      const address = parseListenAddress(listen);
      if (typeof address === 'string') throw new ConnectorError('config', `listen: ${address}`);
      token = account.token ? await readSecret(context, account.token, 'the token') : undefined;
      if (token !== undefined && token.trim() === '')
        throw new ConnectorError('config', 'the token is empty');
      if (!address.loopback && token === undefined)
        throw new ConnectorError(
          'config',
          `listening on ${listen} needs a token: other machines can reach it`,
        );
      route = await listeners.register(
        address,
        account.id,
        (request, response, url) => {
          handle(request, response, url).catch((error: unknown) => {
            context.log.error('webhook request failed', {
              account: account.id,
              error: String(error),
            });
            answer(response, 500, { error: 'not kept; send it again' });
          });
        },
        (error) => context.lost(error),
        context.probe === true,
      );
      context.detail('listening', route.url);
    },
    async close() {
      const current = route;
      route = undefined;
      await current?.release();
    },
  };
  return connector;
}
