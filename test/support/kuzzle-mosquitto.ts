// A real mosquitto set up as Kuzzle's MQTT side expects (protocol notes §2.3): clients connect
// without MQTT credentials, may publish only to `Kuzzle/request`, and may read
// `Kuzzle/response` and single-level topics (the channels, `kuzzle:notification:server`) but
// never `Kuzzle/request`. The Kuzzle test server logs in as the harness's publisher, which may
// read and write everything.
import { startMosquitto, type Mosquitto } from './mosquitto.js';

export function startKuzzleMosquitto(): Promise<Mosquitto> {
  return startMosquitto({
    users: [],
    extraConfig: ['allow_anonymous true'],
    aclRules: [
      '# Anonymous clients, as Kuzzle lets them in.',
      'topic write Kuzzle/request',
      'topic read Kuzzle/response',
      'topic read +',
    ],
  });
}
