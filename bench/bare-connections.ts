// The scale benchmark's baseline: each account's connection held by the bare library, logged in
// and subscribed as Tidings would be, with nothing on top.
import { connectAsync } from 'mqtt';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import type { Account } from '../app/core/settings/accounts.js';
import { bareClient } from './rocketchat.js';

type Close = () => Promise<void>;

async function bareDino(account: Extract<Account, { type: 'dino' }>): Promise<Close> {
  const password = account.auth?.password;
  const client = await connectAsync(account.broker, {
    protocolVersion: 5,
    clientId: `bare-${account.id}`,
    reconnectPeriod: 0,
    ...(account.auth && { username: account.auth.username }),
    ...(typeof password === 'string' && { password }),
  });
  await client.subscribeAsync(
    account.topic ?? `dms/${account.environment ?? 'prod'}/${account.userId}`,
    { qos: 1 },
  );
  return () => client.endAsync();
}

/** socket.io-client with the session cookie, each room joined as the chat service expects. */
async function bareThreeDRepo(account: Extract<Account, { type: '3drepo' }>): Promise<Close> {
  const cookie = account.auth && 'cookie' in account.auth ? account.auth.cookie : undefined;
  const socket = io(account.chat?.url ?? account.server, {
    path: account.chat?.path ?? '/chat',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(typeof cookie === 'string' && { extraHeaders: { Cookie: cookie } }),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  for (const room of account.rooms ?? [{ notifications: true as const }]) {
    const { name: _name, ...request } = room as Record<string, unknown>;
    socket.emit('join', request);
  }
  return async () => {
    socket.close();
  };
}

/** A raw WebSocket speaking Kuzzle's JSON: log in, then subscribe with the token. */
async function bareKuzzle(account: Extract<Account, { type: 'kuzzle' }>): Promise<Close> {
  const socket = new WebSocket(account.server);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const pending = new Map<string, (frame: { result?: { jwt?: string } }) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { requestId?: string; result?: { jwt?: string } };
    if (frame.requestId) pending.get(frame.requestId)?.(frame);
  });
  let next = 0;
  const request = (body: Record<string, unknown>) =>
    new Promise<{ result?: { jwt?: string } }>((resolve) => {
      const requestId = `bare-${++next}`;
      pending.set(requestId, resolve);
      socket.send(JSON.stringify({ ...body, requestId }));
    });
  const auth = account.auth && 'password' in account.auth ? account.auth : undefined;
  const login = auth
    ? await request({
        controller: 'auth',
        action: 'login',
        strategy: 'local',
        body: { username: auth.username, password: auth.password },
      })
    : undefined;
  for (const subscription of account.subscriptions)
    await request({
      controller: 'realtime',
      action: 'subscribe',
      index: subscription.index,
      collection: subscription.collection,
      body: subscription.filters ?? {},
      ...(login?.result?.jwt && { jwt: login.result.jwt }),
    });
  // Kuzzle 2.11+ drops a client silent for 60 s; the bare client must keep talking too.
  const ping = setInterval(() => socket.ping(), 20_000);
  return async () => {
    clearInterval(ping);
    socket.close();
  };
}

/** ws speaking DDP: connect, resume login with the token, the user's notification stream. */
async function bareRocketChat(account: Extract<Account, { type: 'rocketchat' }>): Promise<Close> {
  if (!('token' in account.auth) || typeof account.auth.token !== 'string')
    throw new Error('the scale benchmark signs in to Rocket.Chat with tokens');
  const socket = await bareClient(
    { url: account.server, userId: account.auth.userId, token: account.auth.token },
    () => {},
  );
  return async () => {
    socket.close();
  };
}

export async function openBareConnections(accounts: readonly Account[]): Promise<Close> {
  const closers = await Promise.all(
    accounts.map((account) => {
      switch (account.type) {
        case 'dino':
          return bareDino(account);
        case '3drepo':
          return bareThreeDRepo(account);
        case 'kuzzle':
          return bareKuzzle(account);
        case 'rocketchat':
          return bareRocketChat(account);
        default:
          throw new Error(`the bare-connections bench has no ${account.type} client`);
      }
    }),
  );
  return async () => {
    await Promise.all(closers.map((close) => close()));
  };
}
