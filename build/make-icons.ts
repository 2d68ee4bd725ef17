// Makes every icon Tidings ships from the shapes below (one source): the tray's five states at
// 1x and 2x, in colour and as macOS template images; the app icon in the sizes packaging needs;
// one small icon per source for notifications. Run with `npm run icons`; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './icon-kit/png.js';
import {
  circle,
  hex,
  outline,
  render,
  roundRect,
  stroke,
  union,
  type Layer,
  type Rgba,
} from './icon-kit/raster.js';

const BUILD = dirname(fileURLToPath(import.meta.url));
const TRAY_SIZE = 16;
const APP_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const SOURCE_SIZE = 64;

/** A speech bubble: a rounded body and a tail at the lower left. */
const bubble = union(roundRect(0.1, 0.14, 0.9, 0.7, 0.17), stroke(0.33, 0.62, 0.2, 0.86, 0.13));
const bubbleOutline = outline(bubble, 0.11);
const badge = circle(0.8, 0.22, 0.2);
const badgeRim = circle(0.8, 0.22, 0.27);

type TrayState = 'quiet' | 'unread' | 'mention' | 'offline' | 'paused' | 'dnd';

/** The tray icon for a state; `template` draws it in black and holes only, for macOS. */
function trayLayers(state: TrayState, template: boolean): Layer[] {
  const ink = (color: string): Rgba => (template ? [0, 0, 0, 255] : hex(color));
  const clear: Rgba = [0, 0, 0, 0];
  const withBadge = (color: string, mark?: Layer): Layer[] => [
    { shape: badgeRim, color: clear, mode: 'cut' },
    { shape: badge, color: ink(color) },
    ...(mark ? [mark] : []),
  ];
  switch (state) {
    case 'quiet':
      return [{ shape: bubbleOutline, color: ink('#8a94a6') }];
    case 'unread':
      return [{ shape: bubble, color: ink('#3b82f6') }];
    case 'mention':
      return [{ shape: bubble, color: ink('#3b82f6') }, ...withBadge('#e5484d')];
    case 'offline':
      return [
        { shape: bubbleOutline, color: ink('#8a94a6') },
        { shape: stroke(0.12, 0.9, 0.9, 0.1, 0.2), color: clear, mode: 'cut' },
        { shape: stroke(0.12, 0.9, 0.9, 0.1, 0.1), color: ink('#e5484d') },
      ];
    case 'paused':
      return [
        { shape: bubbleOutline, color: ink('#8a94a6') },
        { shape: stroke(0.4, 0.32, 0.4, 0.52, 0.1), color: ink('#8a94a6') },
        { shape: stroke(0.6, 0.32, 0.6, 0.52, 0.1), color: ink('#8a94a6') },
      ];
    case 'dnd':
      return [
        { shape: bubbleOutline, color: ink('#8a94a6') },
        ...withBadge('#7c5cff', {
          shape: stroke(0.7, 0.22, 0.9, 0.22, 0.07),
          color: template ? clear : hex('#ffffff'),
          mode: template ? 'cut' : 'paint',
        }),
      ];
  }
}

function appLayers(): Layer[] {
  const inset = (shape: (x: number, y: number) => number) => (x: number, y: number) =>
    shape(0.5 + (x - 0.5) / 0.62, 0.54 + (y - 0.54) / 0.62) * 0.62;
  return [
    { shape: roundRect(0.04, 0.04, 0.96, 0.96, 0.22), color: hex('#1e3a8a') },
    { shape: inset(bubble), color: hex('#ffffff') },
    { shape: inset(badge), color: hex('#f59e0b') },
  ];
}

const SOURCES: Record<string, string> = {
  rocketchat: '#f5455c',
  '3drepo': '#2563eb',
  dino: '#16a34a',
  kuzzle: '#f59e0b',
};

function sourceLayers(color: string): Layer[] {
  const small = (shape: (x: number, y: number) => number) => (x: number, y: number) =>
    shape(0.5 + (x - 0.5) / 0.56, 0.52 + (y - 0.52) / 0.56) * 0.56;
  return [
    { shape: circle(0.5, 0.5, 0.48), color: hex(color) },
    { shape: small(bubble), color: hex('#ffffff') },
  ];
}

function write(path: string, size: number, layers: Layer[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, render(size, layers)));
}

const states: TrayState[] = ['quiet', 'unread', 'mention', 'offline', 'paused', 'dnd'];
for (const state of states)
  for (const template of [false, true]) {
    const name = `${state}${template ? 'Template' : ''}`;
    write(join(BUILD, 'icons', 'tray', `${name}.png`), TRAY_SIZE, trayLayers(state, template));
    write(
      join(BUILD, 'icons', 'tray', `${name}@2x.png`),
      TRAY_SIZE * 2,
      trayLayers(state, template),
    );
  }
for (const size of APP_SIZES)
  write(join(BUILD, 'icons', 'app', `${size}x${size}.png`), size, appLayers());
write(join(BUILD, 'icon.png'), 1024, appLayers());
for (const [type, color] of Object.entries(SOURCES))
  write(join(BUILD, 'icons', 'sources', `${type}.png`), SOURCE_SIZE, sourceLayers(color));
