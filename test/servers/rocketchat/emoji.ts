import { createRequire } from 'node:module';

/**
 * The emoji Rocket.Chat knows. Its `emoji.list` is the emoji-toolkit (JoyPixels) list, every
 * shortname and alternative shortname (`emoji-emojione/server/lib.ts`, `getEmojiConfig.ts`),
 * and `setReaction` also accepts the workspace's custom emoji by name or alias
 * (`executeSetReaction`). emoji-toolkit ships no types: this is the part of its shape read here.
 */
interface EmojiToolkit {
  emojiList: Record<string, { shortnames?: string[] }>;
}

const toolkit = createRequire(import.meta.url)('emoji-toolkit') as EmojiToolkit;

const KNOWN: ReadonlySet<string> = new Set(
  Object.entries(toolkit.emojiList).flatMap(([shortname, emoji]) => [
    shortname,
    ...(emoji.shortnames ?? []),
  ]),
);

/** `reaction` as `setReaction` takes it: colons stripped, then wrapped in one pair. */
export function reactionName(reaction: string): string {
  return `:${reaction.replace(/:/g, '')}:`;
}

export function knownEmoji(reaction: string, customEmoji: readonly string[]): boolean {
  const name = reactionName(reaction);
  return KNOWN.has(name) || customEmoji.includes(name.slice(1, -1));
}
