// What a person types to click a tray item on the stand-in, made into the item's exact labels.
// An account's line changes with its counts ("Rocket.Chat (team): online — 3 unread"), so each
// step may be the start of a label: "Rocket.Chat > Mark all" names the account's item.

/** The stand-in's menu text: one item a line, two spaces per submenu level, `[x] ` marks. */
interface Item {
  label: string;
  children: Item[];
}

function tree(lines: readonly string[]): Item[] {
  const root: Item[] = [];
  const path: Item[][] = [root];
  for (const line of lines) {
    const depth = (line.length - line.trimStart().length) / 2;
    const label = line
      .trim()
      .replace(/^\[[x ]\] /, '')
      .replace(/ \(disabled\)$/, '');
    const item = { label, children: [] };
    path.length = depth + 1;
    path[depth]?.push(item);
    path.push(item.children);
  }
  return root;
}

/**
 * The exact labels for a typed path ("Do not disturb > For 1 hour"): each step is a label or the
 * start of exactly one; undefined when a step names none or several.
 */
export function resolveMenuPath(menu: readonly string[], typed: string): string[] | undefined {
  const steps = typed
    .split('>')
    .map((step) => step.trim())
    .filter(Boolean);
  let items = tree(menu);
  const labels: string[] = [];
  for (const step of steps) {
    const exact = items.find((item) => item.label === step);
    const starting = items.filter((item) => item.label !== '---' && item.label.startsWith(step));
    const found = exact ?? (starting.length === 1 ? starting[0] : undefined);
    if (!found) return undefined;
    labels.push(found.label);
    items = found.children;
  }
  return labels.length > 0 ? labels : undefined;
}
