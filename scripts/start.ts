// `npm start`: builds, then starts the desktop app in Electron. Where Electron's binary is not
// installed it says so in words, and how to go on, instead of Electron's own download attempt
// and stack trace; `npm start -- --standin` runs the built app on the Electron stand-in, its
// tray and notifications printed as text (scripts/standin.ts). Every other argument goes to the
// app (`npm start -- --data-dir=/tmp/t`).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, noElectronWords } from './electron-binary.js';
import { runOnStandin } from './standin.js';

const root = process.cwd();
const args = process.argv.slice(2);
const standin = args.includes('--standin');
const appArgs = args.filter((arg) => arg !== '--standin');
/** Electron's own first-run download, tried once unless the user said not to. */
function downloadElectron(): string | undefined {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return undefined;
  process.stderr.write("tidings: downloading Electron's binary (first start)…\n");
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  spawnSync(process.execPath, [installer], { cwd: root, stdio: 'inherit' });
  return electronBinary(root);
}
const electron = standin ? undefined : (electronBinary(root) ?? downloadElectron());

if (!standin && !electron) {
  process.stderr.write(noElectronWords());
  process.exit(1);
}
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('tidings: the build failed (above), so the app was not started\n');
  process.exit(build.status ?? 1);
}
if (electron) {
  const app = spawn(electron, ['.', ...appArgs], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.kill(signal));
  app.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
} else {
  process.exit(await runOnStandin(root, appArgs));
}
