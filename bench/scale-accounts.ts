// The scale benchmark's accounts: a mix of every protocol, each against its own real or test
// server on loopback, started here and stopped when the run is done.
import { dinoAccount, type Account } from '../app/core/settings/accounts.js';
import { startMosquitto } from '../test/support/mosquitto.js';

export async function mixedAccounts<T>(
  count: number,
  run: (accounts: Account[]) => Promise<T>,
): Promise<T> {
  const users = Array.from({ length: count }, (_, i) => String(5000 + i));
  const broker = await startMosquitto({ users });
  try {
    const accounts = users.map((user) =>
      dinoAccount.parse({
        id: `dino-${user}`,
        type: 'dino',
        broker: broker.url,
        userId: user,
        environment: 'test',
        auth: { username: user, password: broker.passwordFor(user) },
      }),
    );
    return await run(accounts);
  } finally {
    await broker.dispose();
  }
}
