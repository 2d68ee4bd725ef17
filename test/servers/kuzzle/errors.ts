// Kuzzle's error catalogue, the part a client meets (protocol notes §11). Codes follow Kuzzle's
// formula (domain << 24 | subdomain << 16 | error) and are written out as the server sends them.

interface CatalogueEntry {
  code: number;
  status: number;
  message: string;
}

const CATALOGUE = {
  'security.token.invalid': { code: 117506049, status: 401, message: 'Invalid token.' },
  'security.token.expired': { code: 117506054, status: 401, message: 'Token expired' },
  'security.token.refresh_forbidden': {
    code: 117506056,
    status: 401,
    message: 'Refreshing an API key or an infinite token is forbidden.',
  },
  'security.rights.unauthorized': {
    code: 117637121,
    status: 401,
    message: 'Unauthorized action [%s/%s]: authentication required.',
  },
  'security.credentials.unknown_strategy': {
    code: 117571585,
    status: 400,
    message: 'Unknown authentication strategy "%s".',
  },
  'plugin.strategy.missing_user': { code: 67305492, status: 401, message: '%s' },
  'core.realtime.room_not_found': { code: 65537, status: 404, message: 'Room "%s" not found.' },
  'core.realtime.invalid_scope': {
    code: 65540,
    status: 400,
    message: 'Invalid value for the "scope" parameter (allowed: "all", "in", "out", "none").',
  },
  'core.realtime.invalid_users': {
    code: 65541,
    status: 400,
    message: 'Invalid value for the "users" parameter (allowed: "all", "in", "out", "none").',
  },
  'core.realtime.not_subscribed': {
    code: 65544,
    status: 412,
    message: 'User "%s" has not subscribed to "%s".',
  },
  'api.assert.koncorde_dsl_error': { code: 33619982, status: 400, message: '%s' },
  'api.assert.missing_argument': { code: 33619971, status: 400, message: 'Missing argument "%s".' },
  'api.assert.body_required': {
    code: 33619976,
    status: 400,
    message: 'The request must specify a body.',
  },
  'api.assert.invalid_type': {
    code: 33619972,
    status: 400,
    message: 'Wrong type for argument "%s" (expected: %s)',
  },
  'api.process.controller_not_found': {
    code: 33685508,
    status: 404,
    message: 'API controller "%s" not found.',
  },
  'api.process.action_not_found': {
    code: 33685509,
    status: 404,
    message: 'API action "%s":"%s" not found.',
  },
  'api.process.overloaded': {
    code: 33685506,
    status: 503,
    message: 'Request discarded: Kuzzle Server is temporarily overloaded.',
  },
  'api.process.too_many_logins_requests': {
    code: 33685517,
    status: 429,
    message: 'Too many login attempts per second',
  },
  'api.process.incompatible_sdk_version': {
    code: 33685510,
    status: 400,
    message:
      'Incompatible SDK client. Your SDK version (%s) does not match Kuzzle requirement (%s).',
  },
  'network.websocket.unexpected_error': {
    code: 50528257,
    status: 400,
    message: 'Caught an unexpected WebSocket error: %s',
  },
  'network.mqtt.unexpected_error': {
    code: 50462721,
    status: 400,
    message: 'Caught an unexpected MQTT error: %s',
  },
  'security.rights.forbidden': {
    code: 117637122,
    status: 403,
    message: 'Insufficient permissions to execute the action "%s:%s" (User "%s").',
  },
  'services.storage.unknown_index': {
    code: 16842753,
    status: 412,
    message: 'The index "%s" does not exist.',
  },
  'services.storage.unknown_collection': {
    code: 16842754,
    status: 412,
    message: 'The collection "%s":"%s" does not exist.',
  },
  'services.storage.get_limit_exceeded': {
    code: 16842755,
    status: 413,
    message:
      'The number of documents returned by this request exceeds the configured server limit.',
  },
  'services.storage.unknown_scroll_id': {
    code: 16842766,
    status: 404,
    message: 'Non-existing or expired scroll identifier.',
  },
  'services.storage.invalid_search_query': {
    code: 16842792,
    status: 400,
    message: 'The argument "%s" is not allowed at this level of a search query.',
  },
  'services.storage.scroll_duration_too_great': {
    code: 16842796,
    status: 400,
    message: 'Scroll duration "%s" is too great.',
  },
  'services.storage.unknown_query_keyword': {
    code: 16842797,
    status: 400,
    message:
      'The keyword "%s" is not part of Elasticsearch Query DSL. Are you trying to use a Koncorde query?',
  },
  'services.storage.not_found': {
    code: 16908298,
    status: 404,
    message: 'Document "%s" not found in "%s":"%s".',
  },
  'services.storage.document_already_exists': {
    code: 16908307,
    status: 412,
    message: 'Document already exists.',
  },
} satisfies Record<string, CatalogueEntry>;

export type ErrorId = keyof typeof CATALOGUE;

/** An error as Kuzzle puts it in a response: `{message, status, id, code, props}`. */
export class KuzzleError extends Error {
  readonly status: number;
  readonly code: number;

  constructor(
    readonly id: ErrorId,
    readonly props: string[] = [],
  ) {
    const entry: CatalogueEntry = CATALOGUE[id];
    let index = 0;
    super(entry.message.replace(/%s/g, () => props[index++] ?? ''));
    this.status = entry.status;
    this.code = entry.code;
  }

  /** 2.x and late 1.x carry id and code; early 1.x only message and status (and a stack). */
  toJSON(version: KuzzleVersion): Record<string, unknown> {
    if (version === 1)
      return { message: this.message, status: this.status, id: this.id, code: this.code };
    return {
      code: this.code,
      id: this.id,
      message: this.message,
      props: this.props,
      status: this.status,
    };
  }
}

export type KuzzleVersion = 1 | 2;
