import { roomLabel, type EventKind, type EventRoom } from '../events.js';

// A folded notification says each thing once, in a small popup: the room and how many in the
// title ("3 new messages in #general"), who and what in the body ("carol: are we still on?",
// then "and 2 more from bob, dave"). Event titles often name the room ("carol in #general",
// a 3D Repo model's name), so the body never repeats an event's title when it is the room.

/** What the summary reads of one folded event. */
export interface SummaryItem {
  kind: EventKind;
  title: string;
  body: string;
  /** The author's name, when the source gives one. */
  author?: string | undefined;
}

/** Each kind's noun, singular and plural, in its source's words. */
const NOUNS: Partial<Record<EventKind, readonly [string, string]>> = {
  'message-sent': ['new message', 'new messages'],
  'ticket-created': ['new ticket', 'new tickets'],
  'ticket-comment-added': ['new comment', 'new comments'],
  'model-revision-added': ['new revision', 'new revisions'],
  'model-imported': ['new revision', 'new revisions'],
};
const TICKET_UPDATE = ['ticket update', 'ticket updates'] as const;
const MODEL_UPDATE = ['model update', 'model updates'] as const;
const CHANGE = ['change', 'changes'] as const;
const UPDATE = ['update', 'updates'] as const;

function nounOf(kind: EventKind): readonly [string, string] {
  const own = NOUNS[kind];
  if (own) return own;
  if (kind.startsWith('ticket-') || kind === 'user-referenced') return TICKET_UPDATE;
  if (kind.startsWith('model-')) return MODEL_UPDATE;
  if (kind.startsWith('document-')) return CHANGE;
  return UPDATE;
}

/**
 * "5 new messages in #general", "3 new tickets in Tower", "2 changes in shop/orders": one noun
 * when every event has it, "ticket updates" for a mix of ticket events, else "updates".
 */
export function summaryTitle(count: number, room: EventRoom, kinds: Iterable<EventKind>): string {
  const all = [...kinds];
  const nouns = new Set(all.map(nounOf));
  const [one, many] =
    nouns.size === 1
      ? [...nouns][0]!
      : all.every((kind) => kind.startsWith('ticket-'))
        ? TICKET_UPDATE
        : UPDATE;
  return `${count} ${count === 1 ? one : many} in ${roomLabel(room)}`;
}

/** Whether a name is only the room's (a title like "Tower" on a model's event). */
function namesRoom(name: string, room: EventRoom): boolean {
  return name === roomLabel(room) || name === room.name || name === room.id;
}

/** The event's title, unless it only names the room ("Tower", "carol in #general"). */
function titleOf(item: SummaryItem, room: EventRoom): string | undefined {
  const title = item.title.trim();
  if (!title || namesRoom(title, room) || title.endsWith(` in ${roomLabel(room)}`))
    return undefined;
  return title;
}

/** Who an event is from, as the body names it: its author, else its title unless that is the room. */
function speakerOf(item: SummaryItem, room: EventRoom): string | undefined {
  if (item.author && !namesRoom(item.author, room)) return item.author;
  return titleOf(item, room);
}

/** How many names "and 4 more from …" lists before "and others". */
const NAMES_SHOWN = 3;

/**
 * "carol: are we still on for 3?" for the newest event, then "and 2 more from bob, dave" for the
 * `count - 1` before it (`earlier` holds those still remembered, oldest first).
 */
export function summaryBody(
  newest: SummaryItem,
  earlier: readonly SummaryItem[],
  count: number,
  room: EventRoom,
): string {
  const text = newest.body.trim();
  const found = speakerOf(newest, room);
  // "carol commented on …", "New ticket #12 by bob": the body names them already.
  const speaker =
    found && (text.startsWith(`${found} `) || text.includes(` by ${found}`)) ? undefined : found;
  // No body ("carol joined"): the title is the news, unless it only names the room.
  const head = !text
    ? (titleOf(newest, room) ?? speaker ?? '')
    : speaker
      ? `${speaker}: ${text}`
      : text;
  const more = count - 1;
  if (more <= 0) return head;
  const names = [
    ...new Set(
      [...earlier]
        .reverse()
        .map((item) => item.author)
        .filter((name): name is string => !!name && !namesRoom(name, room)),
    ),
  ];
  const from =
    names.length === 0
      ? ''
      : ` from ${names.slice(0, NAMES_SHOWN).join(', ')}${names.length > NAMES_SHOWN ? ' and others' : ''}`;
  return `${head}\nand ${more} more${from}`;
}
