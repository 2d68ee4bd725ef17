// The settings contract of issue 16 for ntfy and Gotify: its JSON examples are accepted exactly
// as written, the other forms it names too, and mistakes are refused naming the field.
import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../app/core/settings/validate.js';

const ISSUE_NTFY = {
  id: 'alerts',
  type: 'ntfy',
  server: 'https://ntfy.sh',
  topics: ['backups', 'ci'],
  auth: { token: 'tk_…' },
  minPriority: 3,
};
const ISSUE_GOTIFY = {
  id: 'home',
  type: 'gotify',
  server: 'https://gotify.example.com',
  auth: { token: 'C…' },
  minPriority: 4,
};

function check(account: Record<string, unknown>) {
  return validateSettings({ version: 1, accounts: [account] });
}

function errorOf(account: Record<string, unknown>): string | undefined {
  const result = check(account);
  return result.ok ? undefined : result.error.message;
}

describe('ntfy and Gotify accounts in the settings', () => {
  it("accept the issue's examples exactly, unchanged", () => {
    for (const example of [ISSUE_NTFY, ISSUE_GOTIFY]) {
      const result = check(example);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(result.settings.accounts[0]).toEqual(example);
    }
  });

  it('accept the other forms the issue names', () => {
    const forms = [
      { ...ISSUE_NTFY, auth: { username: 'u', password: 'p' } },
      { ...ISSUE_NTFY, auth: undefined },
      { ...ISSUE_NTFY, auth: { token: { env: 'NTFY_TOKEN' } } },
      { ...ISSUE_GOTIFY, auth: { token: { command: 'secret-tool lookup gotify home' } } },
      {
        ...ISSUE_GOTIFY,
        auth: { username: 'alice', password: { env: 'GOTIFY_PW' } },
        minPriority: 0,
      },
    ];
    for (const form of forms)
      expect(errorOf(JSON.parse(JSON.stringify(form)) as never)).toBeUndefined();
  });

  it.each([
    [{ ...ISSUE_NTFY, topics: [] }, 'accounts[0].topics: expected at least one topic'],
    [
      { ...ISSUE_NTFY, topics: ['ok', 'not/a/topic'] },
      'accounts[0].topics[1]: expected an ntfy topic name of 1 to 64 letters, digits, "-" or "_"',
    ],
    [{ ...ISSUE_NTFY, minPriority: 6 }, 'accounts[0].minPriority: expected a priority from 1 to 5'],
    [
      { ...ISSUE_NTFY, server: 'ntfy.sh' },
      'accounts[0].server: expected an http:// or https:// URL',
    ],
    [{ ...ISSUE_NTFY, auth: { token: '' } }, 'accounts[0].auth.token: expected a non-empty secret'],
    [
      { ...ISSUE_NTFY, auth: 'tk_x' },
      'accounts[0].auth: expected { "token" } (an access token, tk_…) or { "username", "password" }',
    ],
    [
      { ...ISSUE_GOTIFY, minPriority: 11 },
      'accounts[0].minPriority: expected a priority from 0 to 10',
    ],
    [
      { ...ISSUE_GOTIFY, auth: undefined },
      'accounts[0].auth: expected { "token" } (a client token) or { "username", "password" }',
    ],
    [{ ...ISSUE_GOTIFY, topics: ['x'] }, 'accounts[0]: unknown field "topics"'],
  ])('refuse %j naming the field', (account, error) => {
    expect(errorOf(JSON.parse(JSON.stringify(account)) as never)).toBe(error);
  });
});
