import type { NotificationSink, RoomNotification } from './notification.js';

/** What the label needs to know of each configured account. */
export interface NamedAccount {
  id: string;
  type: string;
  name?: string | undefined;
}

/**
 * The account's label, when the user has another account of the same kind: "#general" on two
 * Rocket.Chat servers is ambiguous, on one it is not (the source's icon tells the kinds apart),
 * and a popup has no room to spare for a name that tells nothing.
 */
export function accountLabel(accounts: readonly NamedAccount[], id: string): string | undefined {
  const account = accounts.find((a) => a.id === id);
  if (!account) return undefined;
  const sameKind = accounts.filter((a) => a.type === account.type).length;
  return sameKind > 1 ? (account.name ?? account.id) : undefined;
}

/** "carol in #general · Work": the least needed part last, where a narrow popup cuts. */
export function withAccountLabel(title: string, label: string | undefined): string {
  if (!label) return title;
  // A title that starts with the name says it already ("Work: test notification").
  if (title === label || title.startsWith(`${label}:`) || title.startsWith(`${label} `))
    return title;
  return `${title} · ${label}`;
}

/** A sink that names the account in each title where the title alone would be ambiguous. */
export function accountNamedSink(
  sink: NotificationSink,
  accounts: () => readonly NamedAccount[],
): NotificationSink {
  const named = (n: RoomNotification): RoomNotification => {
    const title = withAccountLabel(n.title, accountLabel(accounts(), n.account));
    return title === n.title ? n : { ...n, title };
  };
  return {
    show: (n) => sink.show(named(n)),
    update: (n) => sink.update(named(n)),
    retract: (n) => sink.retract(named(n)),
  };
}
