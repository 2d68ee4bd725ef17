// One Dino account on a real mosquitto, its settings file and a state folder for the CLI: what
// the CLI tests with a Dino account share.
import { afterAll, beforeAll } from 'vitest';
import { connectPublisher, type Publisher } from '../connectors/dino/publisher.js';
import type { CliConfig } from './cli-config.js';
import { useCliSettings } from './cli-settings-fixture.js';
import { startMosquitto, type Mosquitto } from './mosquitto.js';

export interface DinoCliOptions {
  /** The account's `link` template: what a notification opens. */
  link?: string;
  /** The password is not in the file: the account reads it from this environment variable. */
  passwordEnv?: string;
  /** The settings' `notifications`; `{ coalesceMs: 0 }` when absent. */
  notifications?: Record<string, unknown>;
}

export interface DinoCliFixture {
  readonly user: string;
  /** Set in beforeAll. */
  readonly broker: Mosquitto;
  readonly publisher: Publisher;
  readonly config: CliConfig;
  readonly stateDir: string;
  /** Publishes a Dino frame on the user's topic, as Dino's server relays one (QoS 1). */
  publish(frame: object | string): Promise<void>;
}

/**
 * Starts the broker, a publisher, an account `community` for `user` and an empty state folder
 * before the file's tests, and takes them down after. By default every event is its own
 * notification line (no folding), so a line shown twice or missing is seen.
 */
export function useDinoCli(
  name: string,
  user: string,
  options: DinoCliOptions = {},
): DinoCliFixture {
  let broker: Mosquitto | undefined;
  let publisher: Publisher | undefined;
  beforeAll(async () => {
    broker = await startMosquitto({ users: [user] });
    publisher = await connectPublisher(broker);
  });
  afterAll(async () => {
    await publisher?.close();
    await broker?.dispose();
  });
  const files = useCliSettings(name, () => {
    const b = started(broker);
    return {
      accounts: [
        {
          id: 'community',
          type: 'dino',
          broker: b.url,
          userId: user,
          topic: b.topicFor(user),
          auth: {
            username: user,
            password: options.passwordEnv ? { env: options.passwordEnv } : b.passwordFor(user),
          },
          ...(options.link !== undefined && { link: options.link }),
        },
      ],
      notifications: options.notifications ?? { coalesceMs: 0 },
    };
  });
  return {
    user,
    get broker() {
      return started(broker);
    },
    get publisher() {
      return started(publisher);
    },
    get config() {
      return files.config;
    },
    get stateDir() {
      return files.stateDir;
    },
    publish: (frame) => started(publisher).publish(started(broker).topicFor(user), frame),
  };
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the Dino CLI fixture starts in beforeAll');
  return value;
}
