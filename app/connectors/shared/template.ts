/** Templates of Kuzzle subscriptions, MQTT topics and webhook inboxes: `{{path.to.field}}`. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

function lookup(context: unknown, path: string): unknown {
  let current = context;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A value as text: a missing field is empty, never "undefined"; objects as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Fills `{{path.to.field}}` placeholders from the context (`{{_source.customer}}`, `{{_id}}`,
 * `{{action}}`, `{{collection}}`…). `encode` is applied to each value, e.g. for URLs.
 */
export function renderTemplate(
  template: string,
  context: unknown,
  encode: (text: string) => string = (text) => text,
): string {
  return template.replace(PLACEHOLDER, (_match, path: string) =>
    encode(valueText(lookup(context, path))),
  );
}

/**
 * A link template filled from an event. Values come from the server, so each is URL-encoded (an
 * id cannot add a path or a host), and only an http(s) URL comes out.
 */
export function expandLinkTemplate(
  template: string | undefined,
  context: unknown,
): string | undefined {
  if (!template) return undefined;
  const url = renderTemplate(template, context, encodeURIComponent);
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
