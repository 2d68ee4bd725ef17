/**
 * Markdown as the plain text a notification can show: what the marks mean stays (a link keeps
 * its address, a list its bullets), the marks go. Gotify's `text/markdown` and ntfy's
 * `content_type` send CommonMark; this covers what people write in alerts, not all of it.
 */
export function markdownToText(markdown: string): string {
  const lines: string[] = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    lines.push(fenced ? line : blockText(line));
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blockText(line: string): string {
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
  const block = line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/^\s{0,3}>\s?/, '')
    .replace(
      /^(\s*)[-*+]\s+\[( |x|X)\]\s+/,
      (_m, indent: string, done: string) => `${indent}${done === ' ' ? '☐' : '☑'} `,
    )
    .replace(/^(\s*)[-*+]\s+/, '$1• ');
  return inlineText(block);
}

/** Escaped marks (`\*`) stand aside as private-use characters while the marks are read. */
const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!>~|])/g;
const SET_ASIDE = /[\uE000-\uE07F]/g;

function inlineText(text: string): string {
  // Text that has such characters of its own keeps its escapes as they are.
  const setAside = !/[\uE000-\uE07F]/.test(text);
  return (
    setAside
      ? text.replace(ESCAPABLE, (_m, mark: string) =>
          String.fromCharCode(0xe000 + mark.charCodeAt(0)),
        )
      : text
  )
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(
      /\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
      (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`),
    )
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)(.+?)(?<=\S)\2(?![\w*])/g, '$1$3')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(SET_ASIDE, (c) => (setAside ? String.fromCharCode(c.charCodeAt(0) - 0xe000) : c));
}
