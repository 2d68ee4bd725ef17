// Whether Electron's own binary is here. Electron 45 has no install script: the first run
// downloads it from github.com into node_modules/electron/dist (its install.js), and where that
// cannot reach GitHub (offline, a build server) requiring `electron` ends in a stack trace. So
// this reads what install.js leaves behind (path.txt and the executable it names) instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable's path, or undefined when it is not installed. */
export function electronBinary(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, name || 'electron')
    : name
      ? join(dir, 'dist', name)
      : undefined;
  return binary !== undefined && existsSync(binary) ? binary : undefined;
}

/** What `npm start` says instead of Electron's stack trace when the binary is missing. */
export function noElectronWords(): string {
  return [
    "tidings: Electron's binary is not installed (node_modules/electron/dist), and it could not be",
    'downloaded from github.com here, so the desktop app cannot start.',
    '',
    '  Where github.com can be reached, download it (about 100 MB) and start again:',
    '    node node_modules/electron/install.js && npm start',
    '  Or see the app on the Electron stand-in, its tray menu and notifications printed here:',
    '    npm start -- --standin',
    '  Or, without a desktop, the headless CLI (see "Headless" in the README):',
    '    npm run --silent headless -- --config tidings.example.json',
    '',
  ].join('\n');
}
