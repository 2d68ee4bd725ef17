import { renderTemplate } from './template.js';

/**
 * The subscription's link template filled from the notification. Values come from the server,
 * so each is URL-encoded (a document id cannot add a path or a host), and only an http(s) URL
 * comes out.
 */
export function expandLink(template: string | undefined, context: unknown): string | undefined {
  if (!template) return undefined;
  const url = renderTemplate(template, context, encodeURIComponent);
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
