import type { ConnectorContext } from '../../core/connector.js';

/**
 * The account's kept catch-up point, valid only for the server (and topics) it was taken on: an
 * id of another server means nothing here, so an edited account starts afresh.
 */
export interface ScopedCursor {
  get(): string | undefined;
  set(id: string): void;
}

export function scopedCursor(context: ConnectorContext, scope: string): ScopedCursor {
  const kept = context.cursor;
  return {
    get() {
      const value = kept?.get();
      if (value === undefined) return undefined;
      try {
        const parsed = JSON.parse(value) as { scope?: unknown; id?: unknown };
        return parsed.scope === scope && typeof parsed.id === 'string' ? parsed.id : undefined;
      } catch {
        return undefined;
      }
    },
    set(id) {
      kept?.set(JSON.stringify({ scope, id }));
    },
  };
}
