import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as asar from '@electron/asar';
import { PROJECT_DIR } from './builder-internals.js';
import { writeElectronDistStub } from './electron-dist-stub.js';
import type { FileTree } from './load-graph.js';

export interface PackResult {
  appOutDir: string;
  /** electron-builder's own output, for failures and log checks. */
  log: string;
  /** The cache folders electron-builder would download into; empty when nothing was fetched. */
  cacheDirs: string[];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: PROJECT_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** A loopback port nothing listens on: a proxy there refuses every connection. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `npm run build` (unless told it is done), then `electron-builder --linux dir` as a release
 * runs it (`config` adds `-c.` settings, as a release would), with three differences: Electron comes from a stub folder (`electronDist`), there is no native rebuild
 * (Tidings has no native modules; `@electron/rebuild` would fetch Electron's headers), and the
 * network is shut: every proxy points at a closed port, every download cache is a fresh empty
 * folder, and no publish token is in the environment. VITEST is unset, or electron-builder
 * keeps its log to itself.
 */
export async function packLinuxDir(
  workDir: string,
  options: { build: boolean; config?: string[] } = { build: true },
): Promise<PackResult> {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (/TOKEN$|^CSC_|^npm_config_|^VITEST|^no_proxy$|^NODE_ENV$/i.test(name)) delete env[name];
  const proxy = `http://127.0.0.1:${await closedPort()}`;
  const cacheDirs = ['electron-builder-cache', 'electron-cache'].map((name) => join(workDir, name));
  for (const dir of cacheDirs) mkdirSync(dir, { recursive: true });
  Object.assign(env, {
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    ELECTRON_GET_USE_PROXY: '1',
    GLOBAL_AGENT_HTTPS_PROXY: proxy,
    ELECTRON_BUILDER_CACHE: cacheDirs[0],
    electron_config_cache: cacheDirs[1],
  });

  if (options.build) await run('npm', ['run', '--silent', 'build'], env);
  const electronDist = writeElectronDistStub(join(workDir, 'electron-dist'));
  const output = join(workDir, 'out');
  const arch = process.arch === 'arm64' ? '--arm64' : '--x64';
  const log = await run(
    process.execPath,
    [
      join(PROJECT_DIR, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      arch,
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
      '-c.npmRebuild=false',
      ...(options.config ?? []).map((setting) => `-c.${setting}`),
    ],
    env,
  );
  const unpacked = readdirSync(output).find(
    (name) => name.startsWith('linux') && name.endsWith('unpacked'),
  );
  if (!unpacked) throw new Error(`no linux-*unpacked folder in ${output}:\n${log}`);
  return { appOutDir: join(output, unpacked), log, cacheDirs };
}

/** An asar archive as a file tree, read with @electron/asar. */
export function asarTree(archive: string): FileTree & { entries: string[]; size: number } {
  const entries = asar.listPackage(archive, { isPack: false }).map((entry) => entry.slice(1));
  const dirs = new Set<string>();
  for (const entry of entries)
    for (let i = entry.indexOf('/'); i !== -1; i = entry.indexOf('/', i + 1))
      dirs.add(entry.slice(0, i));
  const files = new Set(entries.filter((entry) => !dirs.has(entry)));
  return {
    entries: [...files],
    size: statSync(archive).size,
    isFile: (path) => files.has(path),
    read: (path) => asar.extractFile(archive, path).toString('utf8'),
  };
}
