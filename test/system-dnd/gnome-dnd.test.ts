// GNOME's do-not-disturb through the real gsettings: its keyfile backend in a private folder
// stands in for dconf (same key, same `gsettings monitor`), so no user setting is touched.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../app/core/log.js';
import { gnomeDnd } from '../../app/system-dnd/gnome-dnd.js';
import type { SystemDnd } from '../../app/system-dnd/system-dnd.js';

const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function privateSettings(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-gsettings-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { ...process.env, GSETTINGS_BACKEND: 'keyfile', XDG_CONFIG_HOME: dir, ...extra };
}

function watch(env: NodeJS.ProcessEnv) {
  const warnings: string[] = [];
  const log: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };
  const dnd = gnomeDnd(log, env);
  cleanups.push(() => dnd.close());
  return { dnd, warnings };
}

const becomes = (dnd: SystemDnd, state: string) =>
  vi.waitFor(() => expect(dnd.current().state).toBe(state), { timeout: 10_000, interval: 50 });

const setBanners = (env: NodeJS.ProcessEnv, value: boolean) =>
  run('gsettings', ['set', 'org.gnome.desktop.notifications', 'show-banners', String(value)], {
    env,
  });

describe('GNOME show-banners through gsettings', () => {
  it('reads it at start and follows each change', async () => {
    const env = await privateSettings();
    await setBanners(env, false);
    const { dnd } = watch(env);
    await becomes(dnd, 'on');
    expect(dnd.current().source).toBe('GNOME: do not disturb');
    await setBanners(env, true);
    await becomes(dnd, 'off');
    await setBanners(env, false);
    await becomes(dnd, 'on');
  });

  it('is unknown, said once, where the schema is not installed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'tidings-no-schemas-'));
    cleanups.push(() => rm(empty, { recursive: true, force: true }));
    const env = await privateSettings({ XDG_DATA_DIRS: empty, GSETTINGS_SCHEMA_DIR: empty });
    const { dnd, warnings } = watch(env);
    await vi.waitFor(() => expect(warnings).toHaveLength(1), { timeout: 10_000 });
    expect(warnings[0]).toMatch(/^GNOME's do-not-disturb cannot be read: .*schema/i);
    expect(dnd.current().state).toBe('unknown');
  });
});
