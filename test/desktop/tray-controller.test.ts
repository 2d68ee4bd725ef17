// The tray built on the controller as main.ts wires it: the menu's clicks act on the app, and
// what they change shows in the menu.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTray, TRAY_REBUILD_MS } from '../../app/desktop/tray/tray.js';
import type { WindowTarget } from '../../app/ipc/contract.js';
import { Tray } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { makeEvent } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { menuItem as find, menuText as labels } from '../support/menu-text.js';
import { leakyConnectors } from './leaky-connector.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const ICONS = join(process.cwd(), 'build', 'icons', 'tray');

let app: DesktopHarness | undefined;
afterEach(() => app?.stop());
/** What the controller asked the settings window to open: [page, account]. */
const opened: WindowTarget[] = [];

/** The app as on first run, no account yet, with its tray. */
function firstRun() {
  opened.length = 0;
  const connectors = leakyConnectors('pw');
  app = startDesktop({
    createConnector: connectors.factory,
    supportedTypes: ['dino'],
    // The window's own default page, as main.ts opens it for no target.
    showSettings: (target) => opened.push(target ?? { page: 'accounts' }),
  });
  const { controller } = app;
  const clock = new ManualClock(NOW);
  const tray = createTray({
    iconDir: ICONS,
    platform: 'linux',
    clock,
    state: () => controller.trayState(),
    dispatch: (action) => void controller.perform(action),
  });
  controller.onChange(() => tray.refresh());
  const shown = Tray.instances.at(-1)!;
  /** The menu once the throttle's interval has passed. */
  const redrawn = () => {
    clock.advance(TRAY_REBUILD_MS);
    return shown.menu!.items;
  };
  return { connectors, controller, clock, shown, redrawn, tray };
}

/** The app with one Dino account signing in with `password` ('pw' is right), and its tray. */
async function withTray(password: string, name?: string) {
  const harness = firstRun();
  await harness.controller.saveAccount({
    id: 'dino',
    ...(name && { name }),
    type: 'dino',
    broker: 'mqtt://127.0.0.1:1',
    userId: '1',
    auth: { username: '1', password },
  });
  return harness;
}

describe('the tray over the controller', () => {
  it('follows the app state, rebuilt at most once per interval', async () => {
    const { connectors, controller, clock, shown, tray } = await withTray('pw');
    await vi.waitFor(() => expect(controller.trayState().accounts[0]?.status.state).toBe('online'));
    // Two intervals with nothing new: the throttle is idle again.
    clock.advance(2 * TRAY_REBUILD_MS);
    const builds = shown.menuBuilds;
    for (let i = 0; i < 50; i++)
      connectors.emit(
        'dino',
        makeEvent({ account: 'dino', time: Date.now(), room: { id: `r${i % 5}`, type: 'direct' } }),
      );
    // Built at once for the first change; the other 49 wait for the interval, then make one build.
    expect(shown.menuBuilds).toBe(builds + 1);
    clock.advance(TRAY_REBUILD_MS);
    expect(shown.menuBuilds).toBe(builds + 2);
    expect(shown.image.path).toBe(join(ICONS, 'mention-22.png'));
    expect(shown.tooltip).toBe('Tidings — 50 unread, 50 mentions');

    find(shown.menu!.items, ['Do not disturb', 'Until turned off']).click!();
    await vi.waitFor(() =>
      expect(controller.snapshot().dnd).toEqual({
        active: true,
        on: true,
        label: 'until turned off',
      }),
    );
    clock.advance(TRAY_REBUILD_MS);
    expect(shown.image.path).toBe(join(ICONS, 'dnd-22.png'));

    find(shown.menu!.items, ['Pause all']).click!();
    await vi.waitFor(() => expect(controller.trayState().allPaused).toBe(true));
    clock.advance(TRAY_REBUILD_MS);
    expect(labels(shown.menu!.items)).toContain('Resume all');
    expect(labels(shown.menu!.items)[0]).toBe('dino: paused — 50 unread, 50 mentions');
    tray.destroy();
  });
});

describe('the tray menu acting on the controller', () => {
  it('on first run it says so and offers "Add an account…", which opens Accounts', () => {
    const { shown, redrawn, tray } = firstRun();
    expect(shown.tooltip).toBe('Tidings — no accounts yet');
    expect(labels(redrawn()).slice(0, 3)).toEqual([
      'No accounts yet (disabled)',
      'Add an account…',
      '---',
    ]);
    find(redrawn(), ['Add an account…']).click!();
    expect(opened).toEqual([{ page: 'accounts' }]);
    tray.destroy();
  });

  it('a broker account has no web page: its "Open in Settings" opens its editor', async () => {
    const { controller, redrawn, tray } = await withTray('pw', 'Dino');
    expect(controller.trayState().accounts[0]!.site).toBeUndefined();
    find(redrawn(), [labels(redrawn())[0]!, 'Open in Settings']).click!();
    await vi.waitFor(() => expect(opened).toEqual([{ page: 'accounts', account: 'dino' }]));
    tray.destroy();
  });

  it('"Fix in Settings…" opens that account\'s editor', async () => {
    const { controller } = firstRun();
    await controller.perform({ type: 'edit-account', account: 'dino' });
    expect(opened).toEqual([{ page: 'accounts', account: 'dino' }]);
  });

  it('"Fix sign-in…" on a failed sign-in opens that account in the settings window', async () => {
    const { controller, redrawn, tray } = await withTray('wrong', 'Dino');
    await vi.waitFor(() =>
      expect(controller.trayState().accounts[0]?.status.state).toBe('auth-failed'),
    );
    find(redrawn(), [labels(redrawn())[0]!, 'Fix sign-in…']).click!();
    expect(opened).toEqual([{ page: 'accounts', account: 'dino', signIn: true }]);
    tray.destroy();
  });

  it('"Mute for 1 hour" shows on the account and "Unmute" undoes it', async () => {
    const { controller, redrawn, tray } = await withTray('pw', 'Dino');
    await vi.waitFor(() => expect(controller.trayState().accounts[0]?.status.state).toBe('online'));
    const before = controller.snapshot().notifications.rules;
    find(redrawn(), ['Dino: online', 'Mute for 1 hour']).click!();
    await vi.waitFor(() => expect(labels(redrawn())[0]).toMatch(/^Dino: online, muted until /));
    const mutedUntil = controller.trayState().accounts[0]!.mutedUntil!;
    expect(mutedUntil - Date.now()).toBeGreaterThan(59 * 60_000);

    find(redrawn(), [labels(redrawn())[0]!, 'Unmute']).click!();
    await vi.waitFor(() => expect(labels(redrawn())[0]).toBe('Dino: online'));
    expect(controller.snapshot().notifications.rules).toEqual(before);
    expect(controller.trayState().accounts[0]!.mutedUntil).toBeUndefined();
    tray.destroy();
  });

  it('muting and unmuting an account keeps what its rule says besides the mute', async () => {
    const { controller, redrawn, tray } = await withTray('pw', 'Dino');
    await vi.waitFor(() => expect(controller.trayState().accounts[0]?.status.state).toBe('online'));
    const rule = { account: 'dino', keywords: ['deploy'] };
    const saved = controller.saveNotifications({
      ...controller.snapshot().notifications,
      rules: [{ ...rule, muteUntil: '2020-01-01T00:00:00Z' }],
    });
    expect(saved).toEqual({ ok: true });

    find(redrawn(), ['Dino: online', 'Mute for 1 hour']).click!();
    await vi.waitFor(() => expect(controller.trayState().accounts[0]!.mutedUntil).toBeDefined());
    expect(controller.snapshot().notifications.rules).toContainEqual(rule);
    find(redrawn(), [labels(redrawn())[0]!, 'Unmute']).click!();
    await vi.waitFor(() => expect(controller.snapshot().notifications.rules).toEqual([rule]));
    tray.destroy();
  });

  it('a timed do-not-disturb checks the radio item it was chosen with', async () => {
    const { controller, redrawn, tray } = await withTray('pw', 'Dino');
    find(redrawn(), ['Do not disturb', 'For 1 hour']).click!();
    await vi.waitFor(() => expect(controller.trayState().dnd.active).toBe(true));
    const dnd = find(redrawn(), [`Do not disturb (${controller.trayState().dnd.label})`]);
    expect(dnd.submenu!.filter((i) => i.checked).map((i) => i.label)).toEqual(['For 1 hour']);
    tray.destroy();
  });
});
