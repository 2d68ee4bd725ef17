// What the window's "Test connection" and "Find rooms" hand connectOnce, for connector tests:
// the connector under test, secrets written in the account, a log nobody reads.
import type { ConnectorFactory } from '../../app/core/connector.js';
import type { ConnectOnceOptions } from '../../app/desktop/connection-test.js';

/** Any type's factory: the test hands it accounts of that type only. */
export function probeOptions(factory: ConnectorFactory<never>): ConnectOnceOptions {
  return {
    createConnector: factory as unknown as ConnectorFactory,
    resolveSecret: (secret) => Promise.resolve(String(secret)),
    log: { debug() {}, info() {}, warn() {}, error() {} },
  };
}
