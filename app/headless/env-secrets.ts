import { ConnectorError, type ConnectorFactory } from '../core/connector.js';

/**
 * What an account's status says when a secret's `{ "env": NAME }` is unset. The CLI reads its
 * environment once, at start: nothing but a restart with the variable set can change it.
 */
export function unsetVariableMessage(name: string): string {
  return `environment variable ${name} is not set; not retried until it is set and Tidings is started again`;
}

/**
 * Every `{ "env": NAME }` reference in an account, wherever its type keeps secrets (`auth`'s
 * fields, a webhook's `token`): found by shape, so a new source type is covered as it comes.
 */
export function envVariablesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(envVariablesOf);
  if (typeof value !== 'object' || value === null) return [];
  const keys = Object.keys(value);
  const name = (value as { env?: unknown }).env;
  if (keys.length === 1 && typeof name === 'string') return [name];
  return Object.values(value).flatMap(envVariablesOf);
}

/**
 * The factory, with a check first: an account with a secret whose variable is unset gets a
 * connector that fails with a config error naming it before anything goes on the network (a
 * source reads its secret only at sign-in, after the server answered, and a server that cannot
 * be reached was said instead). A config error is not retried.
 */
export function requiringEnvSecrets(
  factory: ConnectorFactory,
  env: NodeJS.ProcessEnv,
): ConnectorFactory {
  return (account, context) => {
    const unset = envVariablesOf(account).find((name) => !env[name]);
    if (unset === undefined) return factory(account, context);
    return {
      connect: () => Promise.reject(new ConnectorError('config', unsetVariableMessage(unset))),
      close: () => Promise.resolve(),
    };
  };
}
