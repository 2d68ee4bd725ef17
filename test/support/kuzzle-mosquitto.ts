// A real mosquitto set up as Kuzzle's MQTT side expects (protocol notes §2.3): clients connect
// without MQTT credentials, may publish only to `Kuzzle/request`, and may read
// `Kuzzle/response` and single-level topics (the channels, `kuzzle:notification:server`) but
// never `Kuzzle/request`. The Kuzzle test server logs in as the harness's publisher, which may
// read and write everything.
//
// test/support/mosquitto.ts writes Dino's access rules; this replaces its acl file with the
// rules above and restarts the broker so they apply.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startMosquitto, type Mosquitto } from './mosquitto.js';

export async function startKuzzleMosquitto(): Promise<Mosquitto> {
  const broker = await startMosquitto({ users: [], extraConfig: ['allow_anonymous true'] });
  try {
    await writeFile(
      join(broker.dir, 'acl'),
      [
        '# Anonymous clients, as Kuzzle lets them in.',
        'topic write Kuzzle/request',
        'topic read Kuzzle/response',
        'topic read +',
        '',
        `user ${broker.publisher.username}`,
        'topic readwrite #',
        '',
      ].join('\n'),
    );
    await broker.restart();
  } catch (error) {
    await broker.dispose();
    throw error;
  }
  return broker;
}
