import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportedTypes } from '../../app/connectors/registry.js';
import { sourceIconFile, trayIconFile } from '../../app/desktop/tray/tray-icons.js';
import { TRAY_ICON_STATES } from '../../app/desktop/tray/tray-model.js';
import { PACKAGE_TYPE_FILE, UPDATE_CONFIG_FILE } from '../../app/desktop/update-policy.js';
import { builderInternals, PROJECT_DIR } from './builder-internals.js';
import { loadGraph, type FileTree, type LoadGraph } from './load-graph.js';
import { asarTree, packLinuxDir, type PackResult } from './pack-linux-dir.js';

/** The settings window's root: main.ts serves it with `serveUi(join(appRoot, 'renderer'))`. */
const RENDERER_ENTRY = 'renderer/index.html';

const checkout: FileTree = {
  isFile: (path) =>
    existsSync(join(PROJECT_DIR, path)) && statSync(join(PROJECT_DIR, path)).isFile(),
  read: (path) => readFileSync(join(PROJECT_DIR, path), 'utf8'),
};

function mainOf(tree: FileTree): string {
  return (JSON.parse(tree.read('package.json')) as { main: string }).main;
}

let workDir: string;
let packed: PackResult;
let archive: ReturnType<typeof asarTree>;
let inCheckout: LoadGraph;
let inAsar: LoadGraph;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tidings-pack-'));
  // dist/ is built once per run before any test file (test/e2e/build-app.ts); building it again
  // here would rewrite it under the end-to-end tests that run the built app meanwhile.
  packed = await packLinuxDir(workDir, { build: false });
  archive = asarTree(join(packed.appOutDir, 'resources', 'app.asar'));
  inCheckout = loadGraph(checkout, [mainOf(checkout), RENDERER_ENTRY]);
  inAsar = loadGraph(archive, [mainOf(archive), RENDERER_ENTRY]);
  console.info(
    `resources/app.asar: ${(archive.size / 1024 / 1024).toFixed(1)} MB, ${archive.entries.length} files, ` +
      `${inAsar.packages.size} runtime packages`,
  );
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('electron-builder --linux dir, on a stand-in Electron', () => {
  it('packs everything the built main process, preload and settings window load', () => {
    // The walk itself must reach the three parts, or it proves nothing.
    expect([...inCheckout.files]).toEqual(
      expect.arrayContaining([
        'dist/app/desktop/main.js',
        'dist/app/desktop/preload.cjs',
        'renderer/index.html',
        'renderer/main.js',
        'renderer/styles.css',
      ]),
    );
    expect(inCheckout.missing).toEqual([]);
    expect(inAsar.missing).toEqual([]);
    expect([...inAsar.files].sort()).toEqual([...inCheckout.files].sort());
    // electron-builder lays node_modules out anew (hoisting differs), so compare name@version.
    const versions = (graph: LoadGraph) => [...new Set(graph.packages.values())].sort();
    expect(versions(inAsar)).toEqual(versions(inCheckout));
  });

  it('packs no package the app does not load: no development tools', () => {
    const packageDirs = archive.entries
      .filter((entry) => /(^|\/)node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(entry))
      .map((entry) => entry.slice(0, -'/package.json'.length));
    const unused = packageDirs.filter((dir) => !inAsar.packages.has(dir));
    expect(unused).toEqual([]);
    const names = [...inAsar.packages.values()].map((id) => id.slice(0, id.lastIndexOf('@')));
    for (const devTool of [
      'tsx',
      'esbuild',
      'electron',
      'typescript',
      'vitest',
      'electron-builder',
    ])
      expect(names).not.toContain(devTool);
    expect(archive.entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    // Native addons would land beside the asar (esbuild's did); Tidings has none, which is also
    // why the packaging needs no native rebuild. (What is unpacked is for the headless CLI.)
    const unpacked = join(packed.appOutDir, 'resources', 'app.asar.unpacked');
    const addons = readdirSync(unpacked, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.node'),
    );
    expect(addons).toEqual([]);
  });

  it('lays the headless CLI and every package it loads out unpacked, for plain node', () => {
    const root = join(packed.appOutDir, 'resources', 'app.asar.unpacked');
    const tree: FileTree = {
      isFile: (path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile(),
      read: (path) => readFileSync(join(root, path), 'utf8'),
    };
    const cli = loadGraph(tree, ['dist/app/headless/main.js']);
    expect(cli.files.has('dist/app/linux-notifications/dbus-notification-sink.js')).toBe(true);
    expect(cli.missing).toEqual([]);
    // The unit's command, on the packed copy: node runs it (the usage, exit 0).
    const help = spawnSync(process.execPath, [join(root, 'dist/app/headless/main.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(help.stderr).toContain('--notify-send');
    expect(help.status).toBe(0);
  });

  it('puts every tray and notification icon the app asks for beside the asar', () => {
    const PLATFORMS = ['linux', 'darwin', 'win32'] as const;
    const icons = join(packed.appOutDir, 'resources', 'icons');
    // The very files the app asks for on each platform, and the macOS template's Retina twin.
    const wanted = [
      ...TRAY_ICON_STATES.flatMap((state) =>
        PLATFORMS.map((platform) => trayIconFile(join(icons, 'tray'), state, platform)),
      ),
      ...TRAY_ICON_STATES.map((state) => join(icons, 'tray', `${state}Template@2x.png`)),
      ...supportedTypes().map((type) => sourceIconFile(join(icons, 'sources'), type)),
    ];
    expect(wanted.filter((icon) => !existsSync(icon)).map((icon) => relative(icons, icon))).toEqual(
      [],
    );
  });

  it('flips the configured fuses in the Electron executable', async () => {
    const { config } = { config: await builderInternals().getConfig(PROJECT_DIR) };
    const executable = join(packed.appOutDir, config.linux?.executableName ?? 'tidings');
    const wire = await getCurrentFuseWire(executable);
    const state = (option: FuseV1Options) => String.fromCharCode(wire[option] as number);
    expect(packed.log).toContain('executing @electron/fuses');
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    // Not configured: left as Electron ships them.
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0');
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('1');
  });

  it('downloads nothing and writes no update configuration when no publisher is set', () => {
    for (const dir of packed.cacheDirs) expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(packed.appOutDir, 'resources', UPDATE_CONFIG_FILE))).toBe(false);
  });

  it('writes the update configuration auto-update.ts looks for when a release names a server', async () => {
    const release = await packLinuxDir(join(workDir, 'release'), {
      build: false,
      config: ['publish.provider=generic', 'publish.url=https://updates.example.com/tidings/'],
    });
    const resources = join(release.appOutDir, 'resources');
    const updateConfig = readFileSync(join(resources, UPDATE_CONFIG_FILE), 'utf8');
    expect(updateConfig).toContain('provider: generic');
    expect(updateConfig).toContain('url: https://updates.example.com/tidings/');
    // An unpacked folder has no package-type: such a copy never checks (update-policy.ts).
    expect(existsSync(join(resources, PACKAGE_TYPE_FILE))).toBe(false);
    for (const dir of release.cacheDirs) expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
