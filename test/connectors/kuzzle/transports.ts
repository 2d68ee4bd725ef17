// The three ways to reach the test server, each set up as a user would configure it.
import { startKuzzleMosquitto } from '../../support/kuzzle-mosquitto.js';
import type { Mosquitto } from '../../support/mosquitto.js';
import {
  startKuzzleServer,
  type KuzzleServerOptions,
  type KuzzleTestServer,
} from '../../servers/kuzzle/server.js';

export type TransportName = 'websocket' | 'socketio' | 'mqtt';

export interface Stage {
  server: KuzzleTestServer;
  /** The real mosquitto between client and server, for MQTT. */
  broker?: Mosquitto;
  /** The `server` and `transport` of an account reaching it. */
  account: { server: string; transport: TransportName };
  stop(): Promise<void>;
}

export const USERS = { alice: 'wonderland', bob: 'builder' };

/**
 * WebSocket against Kuzzle 2, Socket.io against Kuzzle 1 (the only version that served it),
 * MQTT through a real mosquitto with the test server attached as the Kuzzle side.
 */
export async function startStage(
  transport: TransportName,
  options: KuzzleServerOptions = {},
): Promise<Stage> {
  const version = transport === 'socketio' ? 1 : 2;
  let broker: Mosquitto | undefined;
  if (transport === 'mqtt') broker = await startKuzzleMosquitto();
  const server = await startKuzzleServer({
    users: USERS,
    version,
    ...options,
    ...(broker && { mqtt: { url: broker.url, ...broker.publisher } }),
  });
  const url =
    transport === 'mqtt'
      ? broker!.url
      : transport === 'socketio'
        ? server.url.replace('ws:', 'http:')
        : server.url;
  return {
    server,
    ...(broker && { broker }),
    account: { server: url, transport },
    stop: async () => {
      await server.stop();
      await broker?.dispose();
    },
  };
}
