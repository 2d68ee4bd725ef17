// A connector for the desktop tests that does what careless connectors do: it reads its
// password and puts it in the error it throws, so the tests can prove the app scrubs it.
import { ConnectorError, type ConnectorFactory } from '../../app/core/connector.js';
import type { TidingsEvent } from '../../app/core/events.js';

export interface LeakyConnectors {
  factory: ConnectorFactory;
  /** Emit an event on a connected account, as its server would push one. */
  emit(account: string, event: TidingsEvent): void;
  /** The passwords each account was started with. */
  passwords: Map<string, string>;
}

/** Accounts whose password is `right` go online; any other password fails to sign in. */
export function leakyConnectors(right: string): LeakyConnectors {
  const emitters = new Map<string, (event: TidingsEvent) => void>();
  const passwords = new Map<string, string>();
  const factory: ConnectorFactory = (account, context) => ({
    async connect() {
      const auth = (account as { auth?: { password?: string } }).auth;
      const password = auth?.password ? await context.resolveSecret(auth.password) : '';
      passwords.set(account.id, password);
      context.log.info('signing in', {
        account: account.id,
        password,
        url: `mqtt://u:${password}@h`,
      });
      if (password !== right)
        throw new ConnectorError('auth', `server refused password "${password}"`);
      emitters.set(account.id, (event) => context.emit(event));
    },
    close: () => Promise.resolve(),
  });
  return {
    factory,
    passwords,
    emit: (account, event) => {
      const emit = emitters.get(account);
      if (!emit) throw new Error(`${account} is not online`);
      emit(event);
    },
  };
}
