import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../app/core/log.js';
import { startUpdateChecks } from '../../app/desktop/auto-update.js';
import { UPDATE_CONFIG_FILE } from '../../app/desktop/update-policy.js';
import { ManualClock } from '../support/manual-clock.js';

type Line = { level: string; message: string; fields?: Record<string, unknown> };

function recordingLog(lines: Line[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, ...(fields && { fields }) });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Electron's packaged layout: `process.resourcesPath` is where electron-builder put its files. */
let resources: string;
const packagedApp = app as { isPackaged: boolean };

beforeEach(() => {
  resources = mkdtempSync(join(tmpdir(), 'tidings-resources-'));
  Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
});

afterEach(() => {
  packagedApp.isPackaged = false;
  Reflect.deleteProperty(process, 'resourcesPath');
  rmSync(resources, { recursive: true, force: true });
});

describe('startUpdateChecks', () => {
  it('from a checkout: one info line saying why, nothing as a warning or error', () => {
    const lines: Line[] = [];
    startUpdateChecks(recordingLog(lines), new ManualClock(0))();
    expect(lines).toEqual([
      { level: 'info', message: 'update checks off', fields: { reason: 'not a packaged build' } },
    ]);
  });

  it('a package built without an update server: one info line, no check', () => {
    packagedApp.isPackaged = true;
    const lines: Line[] = [];
    const clock = new ManualClock(0);
    startUpdateChecks(recordingLog(lines), clock)();
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'update checks off',
        fields: { reason: expect.stringContaining('no update server') },
      },
    ]);
  });

  it('reads the resources folder: a Linux copy with a server but no package type stays off', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    packagedApp.isPackaged = true;
    writeFileSync(
      join(resources, UPDATE_CONFIG_FILE),
      'provider: generic\nurl: https://u.example/\n',
    );
    const lines: Line[] = [];
    const saved = process.env.APPIMAGE;
    delete process.env.APPIMAGE;
    try {
      startUpdateChecks(recordingLog(lines), new ManualClock(0))();
    } finally {
      if (saved !== undefined) process.env.APPIMAGE = saved;
      Object.defineProperty(process, 'platform', platform);
    }
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'update checks off',
        fields: { reason: expect.stringMatching(/tar\.gz/) },
      },
    ]);
  });
});
