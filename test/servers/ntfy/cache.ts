// ntfy's message cache (server/message_cache.go): every published message with a row id, read
// back by topic "since" a message id, a time, or all, oldest first. It outlives a restart, as
// ntfy's cache-file does.
import { randomBytes } from 'node:crypto';

export interface NtfyMessage {
  id: string;
  time: number;
  expires?: number;
  event: string;
  topic: string;
  title?: string;
  message?: string;
  priority?: number;
  tags?: string[];
  click?: string;
  icon?: string;
  actions?: Record<string, unknown>[];
  attachment?: { name: string; type?: string; size?: number; expires?: number; url: string };
  content_type?: string;
  [extra: string]: unknown;
}

/** `since=` as server.go parseSince reads it. */
export type Since =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'latest' }
  | { kind: 'id'; id: string }
  | { kind: 'time'; seconds: number };

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** messageIDLength in server/types.go. */
export const MESSAGE_ID_LENGTH = 12;

/** util.RandomString: 12 letters and digits. */
export function randomId(): string {
  const bytes = randomBytes(MESSAGE_ID_LENGTH);
  return Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

export function parseSince(value: string | null, poll: boolean): Since | undefined {
  if (value === null || value === '') return poll ? { kind: 'all' } : { kind: 'none' };
  if (value === 'all') return { kind: 'all' };
  if (value === 'latest') return { kind: 'latest' };
  if (value === 'none') return { kind: 'none' };
  if (new RegExp(`^[-_A-Za-z0-9]{${MESSAGE_ID_LENGTH}}$`).test(value))
    return { kind: 'id', id: value };
  if (/^-?\d+$/.test(value)) return { kind: 'time', seconds: Number(value) };
  const duration = /^(\d+)(s|m|h)$/.exec(value);
  if (duration) {
    const unit = { s: 1, m: 60, h: 3600 }[duration[2] as 's' | 'm' | 'h'];
    return { kind: 'time', seconds: Math.floor(Date.now() / 1000) - Number(duration[1]) * unit };
  }
  return undefined;
}

export class MessageCache {
  private readonly rows: { rowId: number; message: NtfyMessage }[] = [];
  private nextRow = 1;

  constructor(private readonly cacheSeconds: number) {}

  add(message: NtfyMessage): void {
    this.rows.push({ rowId: this.nextRow++, message });
  }

  /** Messages.go: per topic, then sorted by time (rows break ties, as SQLite's order would). */
  since(topics: readonly string[], since: Since): NtfyMessage[] {
    this.expire();
    if (since.kind === 'none') return [];
    const picked: { rowId: number; message: NtfyMessage }[] = [];
    for (const topic of topics) {
      const rows = this.rows.filter((r) => r.message.topic === topic);
      if (since.kind === 'latest') {
        const last = rows.at(-1);
        if (last) picked.push(last);
      } else if (since.kind === 'id') {
        const marker = this.rows.find((r) => r.message.id === since.id);
        // messagesSinceID: an id no longer cached means all that is.
        picked.push(...rows.filter((r) => !marker || r.rowId > marker.rowId));
      } else if (since.kind === 'time') {
        picked.push(...rows.filter((r) => r.message.time >= since.seconds));
      } else picked.push(...rows);
    }
    return picked
      .sort((a, b) => a.message.time - b.message.time || a.rowId - b.rowId)
      .map((r) => r.message);
  }

  private expire(): void {
    const now = Math.floor(Date.now() / 1000);
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const expires = this.rows[i]!.message.expires;
      if (expires !== undefined && expires < now) this.rows.splice(i, 1);
    }
  }

  get expiresAfter(): number {
    return this.cacheSeconds;
  }
}
