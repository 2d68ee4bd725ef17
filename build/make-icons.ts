// Makes every icon Tidings ships from the SVG sources in build/icons/src (one drawing per icon,
// rasterised at each size by resvg): the tray's states for each platform, the app icon in the
// sizes packaging needs plus .ico and .icns, one icon per source for notifications, and a
// contact sheet to look at them all. Run with `npm run icons`; the output is committed.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contactSheet, type SheetRow } from './icon-kit/contact-sheet.js';
import { encodeIcns } from './icon-kit/icns.js';
import { encodeIco, type SizedPng } from './icon-kit/ico.js';
import { rasterize, templateOf } from './icon-kit/rasterize.js';

const BUILD = dirname(fileURLToPath(import.meta.url));
const ICONS = join(BUILD, 'icons');
const SRC = join(ICONS, 'src');

/** Tray sizes: 16 (1x), 22 (Linux panels), 24 (1.5x), 32 (2x), 48 (3x). */
export const TRAY_SIZES = [16, 22, 24, 32, 48] as const;
/** The macOS template image's scale suffixes Electron reads beside the 16 px 1x file. */
const TEMPLATE_SCALES: [number, string][] = [
  [16, ''],
  [24, '@1.5x'],
  [32, '@2x'],
  [48, '@3x'],
];
const APP_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512, 1024];
const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const APP_ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];
const SOURCE_SIZE = 64;

const svgsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.svg'))
    .sort()
    .map((f) => ({ name: basename(f, '.svg'), svg: readFileSync(join(dir, f), 'utf8') }));

function write(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

const sized = (svg: string, sizes: readonly number[]): SizedPng[] =>
  sizes.map((size) => ({ size, png: rasterize(svg, size) }));

const sheet: SheetRow[] = [];

// Output folders hold only what this run makes: a state or source taken out leaves no stale file.
for (const dir of ['tray', 'sources', 'app'])
  rmSync(join(ICONS, dir), { recursive: true, force: true });

for (const { name, svg } of svgsIn(join(SRC, 'tray'))) {
  const colour = sized(svg, TRAY_SIZES);
  for (const { size, png } of colour) write(join(ICONS, 'tray', `${name}-${size}.png`), png);
  write(join(ICONS, 'tray', `${name}.ico`), encodeIco(colour));
  const template = templateOf(svg);
  for (const [size, suffix] of TEMPLATE_SCALES)
    write(join(ICONS, 'tray', `${name}Template${suffix}.png`), rasterize(template, size));
  sheet.push({ images: colour });
  sheet.push({ images: sized(template, TRAY_SIZES) });
}

for (const { name, svg } of svgsIn(join(SRC, 'sources'))) {
  write(join(ICONS, 'sources', `${name}.png`), rasterize(svg, SOURCE_SIZE));
  sheet.push({ images: sized(svg, [...TRAY_SIZES, SOURCE_SIZE]) });
}

const app = readFileSync(join(SRC, 'app.svg'), 'utf8');
for (const { size, png } of sized(app, APP_SIZES))
  write(join(ICONS, 'app', `${size}x${size}.png`), png);
write(join(BUILD, 'icon.png'), rasterize(app, 1024));
write(join(BUILD, 'icon.ico'), encodeIco(sized(app, APP_ICO_SIZES)));
write(join(BUILD, 'icon.icns'), encodeIcns(sized(app, APP_ICNS_SIZES)));
sheet.push({ images: sized(app, [...TRAY_SIZES, SOURCE_SIZE]) });

write(join(ICONS, 'contact-sheet.png'), contactSheet(sheet));
