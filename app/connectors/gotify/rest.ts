import { ConnectorError } from '../../core/connector.js';
import { httpRefusal, refusalDetail } from '../shared/http-refusal.js';
import { isPayload } from '../shared/payload.js';
import { isGotifyMessage, type GotifyMessage } from './mapper.js';

export interface GotifyApplication {
  id: number;
  name: string;
}

/** One page of `GET /message` (api/message.go buildWithPaging): newest first. */
export interface GotifyPage {
  messages: GotifyMessage[];
  /** The `since` of the next page back; 0 when this was the last. */
  next: number;
}

/** The largest page Gotify serves (pagingParams: `max=200`). */
export const MAX_PAGE = 200;

/** Gotify's REST API with the client token (or user) of the account. */
export class GotifyRest {
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string>,
    private readonly timeoutMs: number,
  ) {}

  async applications(): Promise<GotifyApplication[]> {
    const body = await this.get('/application');
    if (!Array.isArray(body)) throw malformed('/application');
    return body.flatMap((app) =>
      isPayload(app) && Number.isInteger(app.id) && typeof app.name === 'string'
        ? [{ id: app.id as number, name: app.name }]
        : [],
    );
  }

  /** Messages with an id below `since` (0: no bound), newest first. */
  async page(since: number, limit = MAX_PAGE): Promise<GotifyPage & { refused: number }> {
    const body = await this.get(`/message?limit=${limit}&since=${since}`);
    if (!isPayload(body) || !Array.isArray(body.messages)) throw malformed('/message');
    const messages = body.messages.filter(isGotifyMessage);
    const paging = isPayload(body.paging) ? body.paging : {};
    const next = Number.isInteger(paging.since) ? (paging.since as number) : 0;
    return { messages, next, refused: body.messages.length - messages.length };
  }

  private async get(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        headers: { ...this.headers, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw networkError(error);
    }
    const text = await response.text();
    if (!response.ok) throw httpRefusal('Gotify', response.status, refusalDetail(text));
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw malformed(path);
    }
  }
}

function malformed(path: string): ConnectorError {
  return new ConnectorError(
    'protocol',
    `Gotify answered ${path.split('?')[0]} with something other than its JSON`,
  );
}

export function networkError(error: unknown): ConnectorError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause?.code === 'ECONNREFUSED')
    return new ConnectorError('network', 'connection refused', { cause: error });
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError')
    return new ConnectorError('network', 'Gotify did not answer in time', { cause: error });
  const message =
    typeof cause?.message === 'string'
      ? cause.message
      : error instanceof Error
        ? error.message
        : String(error);
  return new ConnectorError('network', message, { cause: error });
}
