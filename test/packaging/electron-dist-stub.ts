import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker @electron/fuses looks for in the binary (electron/build/fuses/build.py). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
/**
 * Electron's shipped fuse states, in wire order (docs/tutorial/fuses.md): runAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, browser V8
 * snapshot off, file:// extra privileges on. `1` is on, `0` is off, as in the real binary.
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

/**
 * A stand-in for an unpacked Electron for Linux, for `electronDist`: electron-builder copies the
 * folder, renames `electron` to the app's executable name, and flips fuses in it, so the stub
 * carries a fuse wire laid out as Electron's build writes it (sentinel, version byte, length
 * byte, one ASCII state per fuse). Without a wire electron-builder fails the build (@electron/fuses:
 * "Could not find sentinel in the provided Electron binary"). It is a shell script that refuses
 * to run anything: whether the real Electron 45 binary has this wire layout, and honours the
 * flipped fuses, only a build with the real binary shows.
 */
export function writeElectronDistStub(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const executable = join(dir, 'electron');
  const script = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# fuse wire: ${FUSE_SENTINEL}`),
    Buffer.from([FUSE_WIRE_VERSION, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(`${ELECTRON_DEFAULT_FUSES}\n`),
    Buffer.from('echo "a packaging stand-in for Electron: it cannot run the app" >&2\nexit 1\n'),
  ]);
  writeFileSync(executable, script, { mode: 0o755 });
  return dir;
}
