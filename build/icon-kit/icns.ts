import type { SizedPng } from './ico.js';

/**
 * The PNG-carrying .icns element types by pixel size; a size with two (32, 64, 256, 512) is
 * written under both, once as 1x and once as the @2x of half the size, as iconutil does.
 */
const TYPES: Record<number, string[]> = {
  16: ['icp4'],
  32: ['icp5', 'ic11'],
  64: ['icp6', 'ic12'],
  128: ['ic07'],
  256: ['ic08', 'ic13'],
  512: ['ic09', 'ic14'],
  1024: ['ic10'],
};

/** A macOS .icns of PNG elements, each drawn at its own size (see ico.ts for why by hand). */
export function encodeIcns(images: readonly SizedPng[]): Buffer {
  const elements = images.flatMap(({ size, png }) => {
    const types = TYPES[size];
    if (!types) throw new Error(`.icns has no element for ${size} px`);
    return types.map((type) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'ascii');
      head.writeUInt32BE(8 + png.length, 4);
      return Buffer.concat([head, png]);
    });
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}
