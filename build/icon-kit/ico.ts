/**
 * A Windows .ico holding PNG images (Windows Vista and later read them; electron-builder and
 * Electron's tray take them). Each image is drawn at its own size from the vector source, which
 * is why this writes the container itself rather than use a library that scales one bitmap.
 */
export interface SizedPng {
  size: number;
  png: Buffer;
}

const HEADER = 6;
const ENTRY = 16;

export function encodeIco(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = HEADER + ENTRY * images.length;
  const entries = images.map(({ size, png }) => {
    if (size < 1 || size > 256) throw new Error(`an .ico image is 1 to 256 px, not ${size}`);
    const entry = Buffer.alloc(ENTRY);
    entry.writeUInt8(size === 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size === 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}
