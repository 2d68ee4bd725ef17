/**
 * A DDP `result.error` or `nosub.error`: Meteor.Error's code (a number or a string such as
 * `totp-required`), its reason and details, kept as the server sent them.
 */
export class DdpError extends Error {
  constructor(
    readonly code: string | number,
    readonly reason: string | undefined,
    readonly details?: unknown,
  ) {
    super(reason ? `${reason} [${String(code)}]` : `[${String(code)}]`);
    this.name = 'DdpError';
  }

  /** The wire's error object, whatever its shape; unreadable parts become "unknown". */
  static fromWire(error: unknown): DdpError {
    if (typeof error !== 'object' || error === null) return new DdpError('unknown', String(error));
    const { error: code, reason, details, message } = error as Record<string, unknown>;
    return new DdpError(
      typeof code === 'string' || typeof code === 'number' ? code : 'unknown',
      typeof reason === 'string' ? reason : typeof message === 'string' ? message : undefined,
      details,
    );
  }
}
