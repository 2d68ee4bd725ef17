// Publishing (server.go handlePublish, docs/publish.md): the body is the message; headers (or
// their short query forms) set title, priority, tags, click, icon; a JSON body POSTed to `/`
// names its topic. Only what Tidings' tests and demo use.
import type { IncomingMessage } from 'node:http';
import type { NtfyMessage } from './cache.js';

export type PublishFields = Omit<NtfyMessage, 'id' | 'time' | 'event' | 'topic'>;

const PRIORITIES: Record<string, number> = {
  min: 1,
  low: 2,
  default: 3,
  high: 4,
  max: 5,
  urgent: 5,
};

function param(request: IncomingMessage, url: URL, ...names: string[]): string | undefined {
  for (const name of names) {
    const header = request.headers[name.toLowerCase()];
    if (typeof header === 'string' && header !== '') return header;
    const query = url.searchParams.get(name.toLowerCase());
    if (query) return query;
  }
  return undefined;
}

export function fieldsFromRequest(request: IncomingMessage, url: URL, body: string): PublishFields {
  const title = param(request, url, 'X-Title', 'Title', 't');
  const priority = param(request, url, 'X-Priority', 'Priority', 'prio', 'p');
  const tags = param(request, url, 'X-Tags', 'Tags', 'Tag', 'ta');
  const click = param(request, url, 'X-Click', 'Click');
  const icon = param(request, url, 'X-Icon', 'Icon');
  const markdown = param(request, url, 'X-Markdown', 'Markdown', 'md');
  return {
    message: body === '' ? 'triggered' : body,
    ...(title && { title }),
    ...(priority && { priority: PRIORITIES[priority] ?? Number(priority) }),
    ...(tags && { tags: tags.split(',').map((t) => t.trim()) }),
    ...(click && { click }),
    ...(icon && { icon }),
    ...(markdown && ['1', 'yes', 'true'].includes(markdown) && { content_type: 'text/markdown' }),
  };
}

/** A JSON publish (`publishMessage` in server/types.go) as the fields of a message. */
export function fieldsFromJson(body: Record<string, unknown>): PublishFields {
  const pick = <T>(key: string, check: (v: unknown) => v is T) =>
    check(body[key]) ? { [key]: body[key] } : {};
  const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
  const isNumber = (v: unknown): v is number => typeof v === 'number' && v > 0;
  return {
    message: isString(body.message) ? body.message : 'triggered',
    ...pick('title', isString),
    ...pick('priority', isNumber),
    ...pick('tags', Array.isArray),
    ...pick('click', isString),
    ...pick('icon', isString),
    ...pick('actions', Array.isArray),
    ...(body.markdown === true && { content_type: 'text/markdown' }),
  } as PublishFields;
}
