/** The values a Dino account's `link` template may use. */
export interface LinkValues {
  group_id?: string | undefined;
  message_id?: string | undefined;
  user_id?: string | undefined;
}

const PLACEHOLDER = /\{(group_id|message_id|user_id)\}/g;

/**
 * Fills the account's link template. Values come from the server, so each is URL-encoded: a
 * group id cannot add a path, a query or another host. A message or user id the event lacks
 * becomes empty; without the group a template that needs one makes no link, since it would
 * open no conversation.
 */
export function expandLink(template: string | undefined, values: LinkValues): string | undefined {
  if (!template) return undefined;
  if (values.group_id === undefined && template.includes('{group_id}')) return undefined;
  const url = template.replace(PLACEHOLDER, (_match, name: keyof LinkValues) =>
    encodeURIComponent(values[name] ?? ''),
  );
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
