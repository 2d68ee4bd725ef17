import { createHash } from 'node:crypto';

/** The `login` method's parameter for each way of signing in (protocol notes §5). */

export type PasswordLogin = {
  user: { username: string } | { email: string };
  password: { digest: string; algorithm: 'sha-256' };
};

/** The password travels as the lowercase hex SHA-256 of its UTF-8 bytes, never in plain text. */
export function passwordLogin(user: string, password: string): PasswordLogin {
  return {
    // A user name cannot contain "@"; what does is an email address.
    user: user.includes('@') ? { email: user } : { username: user },
    password: {
      digest: createHash('sha256').update(password, 'utf8').digest('hex'),
      algorithm: 'sha-256',
    },
  };
}

/** A password login retried with a two-factor code (the `totp` login handler). */
export function twoFactorLogin(login: PasswordLogin, code: string) {
  return { totp: { login, code } };
}

/** A resume login: a token from an earlier login, or a personal access token. */
export function resumeLogin(token: string) {
  return { resume: token };
}
