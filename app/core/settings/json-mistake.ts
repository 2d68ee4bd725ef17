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

export function jsonMistake(text: string, error: unknown): JsonMistake {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : text.length;
  const before = text.slice(0, position).split('\n');
  const what = /Unexpected end of JSON input/.test(message)
    ? 'the text ends too early'
    : message.replace(/,? (in JSON )?at position \d+.*$/s, '').replace(/^SyntaxError: /, '');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, what };
}

/** "a mistake on line 3, column 5 (Expected double-quoted property name)" */
export function jsonMistakeWords(text: string, error: unknown): string {
  const { line, column, what } = jsonMistake(text, error);
  return `a mistake on line ${line}, column ${column} (${what})`;
}
