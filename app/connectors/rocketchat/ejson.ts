/** EJSON dates on the Rocket.Chat wire: `{"$date": ms}` both ways. */

export interface EjsonDate {
  $date: number;
}

export function ejsonDate(ms: number): EjsonDate {
  return { $date: ms };
}

/** Milliseconds from `{$date}`; also tolerates ISO strings (REST) and plain numbers. */
export function msOf(value: unknown): number | undefined {
  if (typeof value === 'object' && value !== null) {
    const date = (value as { $date?: unknown }).$date;
    return typeof date === 'number' ? date : undefined;
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}
