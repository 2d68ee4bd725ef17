// The scale benchmark's baseline: each account's connection held by the bare library, logged in
// and subscribed as Tidings would be, with nothing on top.
import { connectAsync } from 'mqtt';
import type { Account } from '../app/core/settings/accounts.js';

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

export async function openBareConnections(accounts: readonly Account[]): Promise<Close> {
  const closers = await Promise.all(
    accounts.map((account) => {
      switch (account.type) {
        case 'dino':
          return bareDino(account);
        default:
          throw new Error(`no bare baseline for ${account.type} yet`);
      }
    }),
  );
  return async () => {
    await Promise.all(closers.map((close) => close()));
  };
}
