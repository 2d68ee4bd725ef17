// One Dino account on a real mosquitto, its settings file and a state folder for the CLI: what
// the CLI tests with a Dino account share.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { connectPublisher, type Publisher } from '../connectors/dino/publisher.js';
import { writeCliConfig, type CliConfig } from './cli-config.js';
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
  broker: Mosquitto;
  publisher: Publisher;
  config: CliConfig;
  stateDir: string;
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
  const fixture = {
    user,
    publish: (frame) => fixture.publisher.publish(fixture.broker.topicFor(user), frame),
  } as DinoCliFixture;
  beforeAll(async () => {
    fixture.broker = await startMosquitto({ users: [user] });
    fixture.publisher = await connectPublisher(fixture.broker);
    fixture.stateDir = await mkdtemp(join(tmpdir(), `tidings-${name}-`));
    const password = options.passwordEnv
      ? { env: options.passwordEnv }
      : fixture.broker.passwordFor(user);
    fixture.config = await writeCliConfig(name, {
      accounts: [
        {
          id: 'community',
          type: 'dino',
          broker: fixture.broker.url,
          userId: user,
          topic: fixture.broker.topicFor(user),
          auth: { username: user, password },
          ...(options.link !== undefined && { link: options.link }),
        },
      ],
      notifications: options.notifications ?? { coalesceMs: 0 },
    });
  });
  afterAll(async () => {
    await fixture.publisher?.close();
    await fixture.broker?.dispose();
    await fixture.config?.remove();
    if (fixture.stateDir) await rm(fixture.stateDir, { recursive: true, force: true });
  });
  return fixture;
}
