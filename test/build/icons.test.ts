// The committed icons, as `npm run icons` made them from build/icons/src: every size and
// container the app and packaging read is there, and the source icons differ by shape.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pixels, templateOf } from '../../build/icon-kit/rasterize.js';
import { ACCOUNT_TYPES } from '../../app/core/settings/accounts.js';
import { TRAY_ICON_STATES } from '../../app/desktop/tray/tray-model.js';

const BUILD = join(process.cwd(), 'build');
const ICONS = join(BUILD, 'icons');

/** A PNG's width and height, from its IHDR. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The sizes of the PNGs an .ico holds, each checked against its directory entry. */
function icoSizes(file: string): number[] {
  const ico = readFileSync(file);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + i * 16;
    const declared = ico.readUInt8(entry) || 256;
    const png = ico.subarray(
      ico.readUInt32LE(entry + 12),
      ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
    );
    expect(pngSize(png)).toEqual([declared, declared]);
    return declared;
  });
}

/** The element types and PNG sizes an .icns holds. */
function icnsElements(file: string): [string, number][] {
  const icns = readFileSync(file);
  expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const found: [string, number][] = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    found.push([
      icns.subarray(at, at + 4).toString('ascii'),
      pngSize(icns.subarray(at + 8, at + length))[0],
    ]);
    at += length;
  }
  return found;
}

describe('the tray icons', () => {
  it.each(TRAY_ICON_STATES)('%s: PNGs at 16, 22, 24, 32, 48, an .ico, macOS templates', (state) => {
    for (const size of [16, 22, 24, 32, 48])
      expect(pngSize(readFileSync(join(ICONS, 'tray', `${state}-${size}.png`)))).toEqual([
        size,
        size,
      ]);
    expect(icoSizes(join(ICONS, 'tray', `${state}.ico`))).toEqual([16, 22, 24, 32, 48]);
    for (const [suffix, size] of [
      ['', 16],
      ['@1.5x', 24],
      ['@2x', 32],
      ['@3x', 48],
    ] as const) {
      const png = readFileSync(join(ICONS, 'tray', `${state}Template${suffix}.png`));
      expect(pngSize(png)).toEqual([size, size]);
    }
  });

  it('has a drawing for every state the tray shows, and no other', () => {
    const sources = readdirSync(join(ICONS, 'src', 'tray')).map((f) => f.replace(/\.svg$/, ''));
    expect(sources.sort()).toEqual([...TRAY_ICON_STATES].sort());
  });

  it('a template image is black and alpha only', () => {
    const svg = readFileSync(join(ICONS, 'src', 'tray', 'mention.svg'), 'utf8');
    const rgba = pixels(templateOf(svg), 32);
    let inked = 0;
    for (let i = 0; i < rgba.length; i += 4)
      if (rgba[i + 3]! > 0) {
        inked++;
        expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
      }
    expect(inked).toBeGreaterThan(100);
  });
});

describe('the app icon', () => {
  it('.ico for Windows (16 to 256 px), .icns for macOS (16 to 1024 px), PNGs for Linux', () => {
    expect(icoSizes(join(BUILD, 'icon.ico'))).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(icnsElements(join(BUILD, 'icon.icns'))).toEqual([
      ['icp4', 16],
      ['icp5', 32],
      ['ic11', 32],
      ['icp6', 64],
      ['ic12', 64],
      ['ic07', 128],
      ['ic08', 256],
      ['ic13', 256],
      ['ic09', 512],
      ['ic14', 512],
      ['ic10', 1024],
    ]);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
      expect(existsSync(join(ICONS, 'app', `${size}x${size}.png`))).toBe(true);
  });
});

describe('the source icons', () => {
  const TYPES: readonly string[] = ACCOUNT_TYPES;

  /** Which pixels are inked (alpha over half), at 24 px: the silhouette, colour left out. */
  const silhouette = (type: string) => {
    const rgba = pixels(readFileSync(join(ICONS, 'src', 'sources', `${type}.svg`), 'utf8'), 24);
    return Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4 + 3]! > 127);
  };

  it('each has a 64 px PNG for notifications', () => {
    for (const type of TYPES)
      expect(pngSize(readFileSync(join(ICONS, 'sources', `${type}.png`)))).toEqual([64, 64]);
  });

  it('tell the sources apart by shape alone: silhouettes differ in at least a fifth of their pixels', () => {
    const shapes = TYPES.map(silhouette);
    for (let a = 0; a < TYPES.length; a++)
      for (let b = a + 1; b < TYPES.length; b++) {
        const inked = shapes[a]!.filter((p, i) => p || shapes[b]![i]).length;
        const differ = shapes[a]!.filter((p, i) => p !== shapes[b]![i]).length;
        expect(differ / inked, `${TYPES[a]} vs ${TYPES[b]}`).toBeGreaterThan(0.2);
      }
  });
});
