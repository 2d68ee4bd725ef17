/**
 * Where JSON text goes wrong, in the words of an editor: "line 3, column 5", from the position
 * in JSON.parse's message ("… in JSON at position 46"), or the end for text that stops short.
 */
export interface JsonMistake {
  line: number;
  column: number;
  /** What is wrong there: "Expected double-quoted property name", "the text ends too early". */
  what: string;
}

/**
 * V8's "Unexpected token" names no position but quotes the text around it: 10 characters either
 * side, marked "..." where cut, or the whole text when it is short.
 */
const UNEXPECTED_TOKEN =
  /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;
const CONTEXT = 10;

function positionOf(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const token = UNEXPECTED_TOKEN.exec(message);
  if (!token) return text.length;
  const [, char = '', cutBefore, context = '', cutAfter] = token;
  if (cutBefore) return Math.max(0, text.indexOf(context)) + CONTEXT;
  if (cutAfter) return Math.max(0, context.length - CONTEXT);
  return Math.max(0, text.indexOf(char));
}

export function jsonMistake(text: string, error: unknown): JsonMistake {
  const message = error instanceof Error ? error.message : String(error);
  const before = text.slice(0, positionOf(text, message)).split('\n');
  const what = /Unexpected end of JSON input/.test(message)
    ? 'the text ends too early'
    : message
        .replace(/,? (in JSON )?at position \d+.*$/s, '')
        .replace(/^(Unexpected token '[\s\S]'), [\s\S]*$/, '$1');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, what };
}

/** "a mistake on line 3, column 5 (Expected double-quoted property name)" */
export function jsonMistakeWords(text: string, error: unknown): string {
  const { line, column, what } = jsonMistake(text, error);
  return `a mistake on line ${line}, column ${column} (${what})`;
}
