import { ConnectorError } from '../../core/connector.js';

interface Openable {
  open(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A connector's one live connection. A new one replaces the old, and only the live one may say
 * it was lost: the late `close` of a connection already replaced must not start a reconnect.
 */
export class LiveSession<S extends Openable> {
  private session: S | undefined;

  /** The live connection, while there is one. */
  get current(): S | undefined {
    return this.session;
  }

  isLive(session: S): boolean {
    return this.session === session;
  }

  /** Makes `session` the live one and opens it; if it fails to open, none is live. */
  async open(session: S): Promise<void> {
    this.session = session;
    try {
      await session.open();
    } catch (error) {
      if (this.session === session) this.session = undefined;
      await session.close();
      throw ConnectorError.from(error);
    }
  }

  async close(): Promise<void> {
    const current = this.session;
    this.session = undefined;
    await current?.close();
  }
}
