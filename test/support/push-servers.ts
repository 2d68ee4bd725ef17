// ntfy and Gotify test servers with one user, alice, who signs in with a token: what the tests
// that run both push sources (the CLI's state folder, the settings window's forms) share.
import { afterAll, beforeAll } from 'vitest';
import { startGotifyServer, type GotifyTestServer } from '../servers/gotify/server.js';
import { startNtfyServer, type NtfyTestServer } from '../servers/ntfy/server.js';

/** alice's ntfy access token. */
export const NTFY_TOKEN = 'tk_alice0000000000000000000000';
/** alice's Gotify client token. */
export const GOTIFY_CLIENT_TOKEN = 'Calice';

export interface PushServers {
  /** Set in beforeAll. */
  ntfy: NtfyTestServer;
  gotify: GotifyTestServer;
}

/**
 * Starts both before the file's tests and stops them after. ntfy: alice reads every topic with
 * her token, nobody reads anonymously. Gotify: alice's client and her application "Backups".
 */
export function usePushServers(): PushServers {
  const servers = {} as PushServers;
  beforeAll(async () => {
    servers.ntfy = await startNtfyServer({
      users: { alice: { tokens: [NTFY_TOKEN], read: ['*'] } },
      anonymousRead: [],
    });
    servers.gotify = await startGotifyServer({
      users: {
        alice: {
          password: 'pw',
          clients: [GOTIFY_CLIENT_TOKEN],
          apps: [{ name: 'Backups', defaultPriority: 5 }],
        },
      },
    });
  });
  afterAll(async () => {
    await servers.ntfy?.stop();
    await servers.gotify?.stop();
  });
  return servers;
}
