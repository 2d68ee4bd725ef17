/**
 * EJSON as Meteor puts it on the wire: dates are `{"$date": ms}` both ways. The server revives
 * them into Date objects so method arguments can be checked the way `check(x, Date)` does.
 */

function isDateObject(value: unknown): value is { $date: number } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === '$date' &&
    typeof (value as { $date: unknown }).$date === 'number'
  );
}

export function parseEjson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    isDateObject(value) ? new Date(value.$date) : value,
  );
}

export function stringifyEjson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.getTime() } : item;
  });
}
