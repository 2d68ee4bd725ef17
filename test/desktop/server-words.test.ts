import { describe, expect, it } from 'vitest';
import { plainFailure, plainReason } from '../../app/desktop/server-words.js';
import { statusWords } from '../../app/desktop/status-words.js';

describe("a server's refusal in plain words", () => {
  it.each([
    ['User not found', 'wrong user name or password'],
    [
      'auth/login: wrong username or password (plugin.strategy.missing_user)',
      'wrong user name or password',
    ],
    [
      'auth/login: Missing credentials (plugin.strategy.missing_user)',
      'wrong user name or password',
    ],
    ['realtime/subscribe: Forbidden action (security.rights.forbidden)', 'Forbidden action'],
  ])('"%s" reads "%s", the server\'s text kept for the details', (reason, headline) => {
    expect(plainReason(reason)).toEqual({ headline, serverText: reason });
  });

  it('leaves words that are already plain alone', () => {
    expect(plainReason('two-factor code required')).toEqual({
      headline: 'two-factor code required',
    });
  });

  it('says the headline in the status, not the error id', () => {
    const status = {
      account: 'shop',
      state: 'auth-failed' as const,
      reason: 'auth/login: wrong username or password (plugin.strategy.missing_user)',
      since: 0,
    };
    expect(statusWords(status, 0)).toBe('sign-in failed: wrong user name or password');
  });
});

describe('a failed connection test or listing in plain words', () => {
  it('puts the plain words first and the server’s in brackets, once', () => {
    expect(
      plainFailure(
        'Sign-in failed: auth/login: wrong username or password (plugin.strategy.missing_user)',
      ),
    ).toBe(
      'Sign-in failed: wrong user name or password (the server said: auth/login: wrong username or password (plugin.strategy.missing_user))',
    );
    expect(plainFailure('Sign-in failed: wrong user name or password')).toBe(
      'Sign-in failed: wrong user name or password',
    );
    expect(plainFailure('Could not reach the server: connection refused')).toBe(
      'Could not reach the server: connection refused',
    );
  });
});
