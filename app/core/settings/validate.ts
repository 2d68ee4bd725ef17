import type { z } from 'zod';
import { jsonMistakeWords } from './json-mistake.js';
import { MAX_ACCOUNTS, settingsSchema, tooManyAccounts, type Settings } from './schema.js';

export class SettingsError extends Error {
  constructor(
    /** e.g. `accounts[2].broker` */
    readonly field: string,
    readonly expected: string,
  ) {
    super(field ? `${field}: ${expected}` : expected);
    this.name = 'SettingsError';
  }
}

/** `['accounts', 2, 'broker']` → `accounts[2].broker` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}

function join(prefix: string, rest: string): string {
  if (!prefix) return rest;
  if (!rest) return prefix;
  return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}

function describe(issue: z.core.$ZodIssue): SettingsError {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return new SettingsError(formatPath(issue.path), `unknown field ${keys}`);
  }
  // A union only says that no branch matched. The branch the user meant is the one that got
  // furthest: fewest issues, not failing on its own type. Name that branch's first issue.
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const candidates = issue.errors
      .filter((branch) => branch.length > 0 && branch.some((inner) => inner.path.length > 0))
      .sort((a, b) => a.length - b.length);
    const best = candidates[0];
    if (best && (candidates.length === 1 || best.length < candidates[1]!.length)) {
      const inner = describe(best[0]!);
      return new SettingsError(join(formatPath(issue.path), inner.field), inner.expected);
    }
  }
  return new SettingsError(formatPath(issue.path), issue.message);
}

export type SettingsResult =
  { ok: true; settings: Settings } | { ok: false; error: SettingsError; errors: SettingsError[] };

/** Validates a parsed JSON document as format-1 settings, naming the first bad field. */
export function validateSettings(document: unknown): SettingsResult {
  // Refused before the schema reads 160,000 accounts one by one.
  const accounts = (document as { accounts?: unknown } | null)?.accounts;
  if (Array.isArray(accounts) && accounts.length > MAX_ACCOUNTS) {
    const error = new SettingsError('accounts', tooManyAccounts(accounts.length));
    return { ok: false, error, errors: [error] };
  }
  const result = settingsSchema.safeParse(document);
  if (result.success) return { ok: true, settings: result.data };
  const errors = result.error.issues.map(describe);
  return { ok: false, error: errors[0]!, errors };
}

export type JsonResult =
  { ok: true; document: unknown } | { ok: false; error: SettingsError; errors: SettingsError[] };

/** Settings text as JSON, or the settings kind of error for text that is not JSON. */
export function parseSettingsJson(text: string): JsonResult {
  // Windows editors start UTF-8 files with a byte order mark, which JSON.parse refuses.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, document: JSON.parse(json) };
  } catch (error) {
    // Where an editor shows it, not JSON.parse's character position.
    const failure = new SettingsError('', `not valid JSON: ${jsonMistakeWords(json, error)}`);
    return { ok: false, error: failure, errors: [failure] };
  }
}

/** Parses settings text (JSON), with the same kind of error for bad JSON. */
export function parseSettings(text: string): SettingsResult {
  const parsed = parseSettingsJson(text);
  return parsed.ok ? validateSettings(parsed.document) : parsed;
}
