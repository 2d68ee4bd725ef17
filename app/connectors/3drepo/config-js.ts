/**
 * `<server>/config/config.js` is a script that assigns the frontend's config object, written by
 * the server with `/` escaped as `\u002F`. It is read as data, never run: the object literal is
 * parsed as JSON, and if that fails the two fields are picked out as string literals.
 */
export interface ChatConfig {
  chatHost?: string;
  chatPath?: string;
}

export function parseChatConfig(script: string): ChatConfig {
  return fromObjectLiteral(script) ?? fromStringFields(script);
}

function fromObjectLiteral(script: string): ChatConfig | undefined {
  const start = script.indexOf('{');
  const end = script.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const parsed: unknown = JSON.parse(script.slice(start, end + 1));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { chatHost, chatPath } = parsed as Record<string, unknown>;
    return {
      ...(typeof chatHost === 'string' && { chatHost }),
      ...(typeof chatPath === 'string' && { chatPath }),
    };
  } catch {
    return undefined;
  }
}

/** `chatHost: "…"` or `'chatHost': '…'` anywhere in a script that is not plain JSON. */
function fromStringFields(script: string): ChatConfig {
  const chatHost = stringField(script, 'chatHost');
  const chatPath = stringField(script, 'chatPath');
  return {
    ...(chatHost !== undefined && { chatHost }),
    ...(chatPath !== undefined && { chatPath }),
  };
}

function stringField(script: string, name: string): string | undefined {
  const pattern = new RegExp(`["']?${name}["']?\\s*:\\s*(["'])((?:\\\\.|(?!\\1)[^\\\\])*)\\1`);
  const match = pattern.exec(script);
  if (!match) return undefined;
  return unescapeJs(match[2] ?? '');
}

/** The escapes a JS string literal of a URL may use: \uXXXX, \xXX and \/ . */
function unescapeJs(value: string): string {
  return value.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_all, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return escape;
  });
}
