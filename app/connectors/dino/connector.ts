import { BadFrames, type BadFrameKind } from '../../core/bad-frames.js';
import { systemClock } from '../../core/clock.js';
import { TOO_DEEP } from '../../core/json-depth.js';
import { readSecret } from '../shared/read-secret.js';
import { LiveSession } from '../shared/live-session.js';
import type { Connector, ConnectorFactory } from '../../core/connector.js';
import type { TidingsEvent } from '../../core/events.js';
import type { DinoAccount } from '../../core/settings/accounts.js';
import { sessionOptions } from './account-options.js';
import { DinoSession, type DinoSessionOptions, type SubscriptionResult } from './client.js';
import { Directory } from './directory.js';
import { mapDinoPayload } from './mapper.js';
import { reasonWords, subscriptionWords } from '../shared/mqtt-reason-codes.js';

/**
 * The Dino connector: an MQTT 5 session on the user's topic, each payload mapped to events.
 * There is no `catchUp`: Dino's REST API is server-to-server, and the broker's persistent
 * session already holds what was published while the app was away.
 */
export const createDinoConnector: ConnectorFactory<DinoAccount> = (account, context) =>
  dinoConnector()(account, context);

/** Tests shorten the keepalive; the app uses the defaults. */
export type DinoTuning = Pick<DinoSessionOptions, 'keepaliveSeconds'>;

export function dinoConnector(tuning: DinoTuning = {}): ConnectorFactory<DinoAccount> {
  return (account, context) => createConnector(account, context, tuning);
}

/**
 * What the connector does with each MQTT message: map it, learn names, count unreadable frames,
 * emit. Apart from the session so the benchmark of the in-memory path can drive it without a
 * broker.
 */
export function dinoReceiver(
  account: DinoAccount,
  context: Parameters<ConnectorFactory<DinoAccount>>[1],
): (topic: string, payload: Buffer) => void {
  const directory = new Directory();
  const unreadable = new BadFrames({
    account: account.id,
    server: 'Dino',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
    wording: { message: 'Dino events kept in history only', detailKey: 'unreadable events' },
  });
  return (topic, payload) => {
    const events = mapDinoPayload(payload, {
      account: account.id,
      userId: account.userId,
      topic,
      receivedAt: Date.now(),
      link: account.link,
      names: directory,
    });
    for (const event of events) {
      learnNames(directory, event, topic);
      if (event.kind === 'unknown')
        unreadable.refused(unreadableKind(event.historyOnly), { topic, reason: event.historyOnly });
      context.emit(event);
    }
  };
}

function createConnector(
  account: DinoAccount,
  context: Parameters<ConnectorFactory<DinoAccount>>[1],
  tuning: DinoTuning,
): Connector {
  const live = new LiveSession<DinoSession>();
  const received = dinoReceiver(account, context);

  function subscribed(result: SubscriptionResult): void {
    context.detail(result.topic, subscriptionWords(result.code));
    if (result.code >= 0x80)
      context.log.warn('Dino topic refused', {
        account: account.id,
        topic: result.topic,
        reason: reasonWords(result.code),
      });
  }

  const password = () =>
    account.auth ? readSecret(context, account.auth.password, 'the password') : undefined;

  const connector: Connector = {
    async connect() {
      await connector.close();
      const secret = await password();
      const current = new DinoSession(
        {
          ...sessionOptions(account),
          ...tuning,
          username: account.auth?.username,
          password: secret,
          ...(context.probe && { probe: true }),
        },
        {
          message: received,
          subscribed,
          lost: (error) => {
            if (live.isLive(current)) context.lost(error);
          },
          ...(context.persisted && { persisted: context.persisted }),
        },
        context.log,
      );
      await live.open(current);
    },
    close: () => live.close(),
  };
  return connector;
}

function unreadableKind(reason: string | undefined): BadFrameKind {
  if (reason?.endsWith(TOO_DEEP)) return 'nested too deep';
  if (reason?.startsWith('payload is not')) return 'malformed';
  return 'of an unknown type';
}

/** Names that later events (reads, recalls, the user's own messages) only give as ids. */
function learnNames(directory: Directory, event: TidingsEvent, topic: string): void {
  const { author, room } = event;
  if (author?.name !== undefined && author.name !== author.id)
    directory.rememberUser(author.id, author.name);
  if (room.type !== 'direct' && room.name !== undefined && room.id !== topic)
    directory.rememberGroup(room.id, room.name);
}
