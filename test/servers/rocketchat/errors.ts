/** Meteor.Error as the monolith serialises it into `result.error` and `nosub.error`. */
export class MeteorError extends Error {
  constructor(
    readonly error: string | number,
    readonly reason?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(reason ? `${reason} [${String(error)}]` : `[${String(error)}]`);
  }

  toJSON(): Record<string, unknown> {
    return {
      isClientSafe: true,
      error: this.error,
      ...(this.reason !== undefined && { reason: this.reason }),
      ...(this.details !== undefined && { details: this.details }),
      message: this.message,
      errorType: 'Meteor.Error',
    };
  }
}

/** What a failed `check()` becomes on the wire. */
export const matchFailed = () => new MeteorError(400, 'Match failed');

export const notAllowed = (reason?: string, method?: string) =>
  new MeteorError('error-not-allowed', reason ?? 'Not allowed', method ? { method } : undefined);
