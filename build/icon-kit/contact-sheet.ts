import { rasterize } from './rasterize.js';

export interface SheetRow {
  /** PNGs at their own sizes, smallest first. */
  images: { size: number; png: Buffer }[];
}

const PAD = 6;
const ZOOM = 4;
const COLUMNS = 2;

/**
 * One PNG to look at every icon: each row at 1:1 on a light and on a dark panel, then the
 * smallest magnified with hard pixels, so blur and misalignment show.
 */
export function contactSheet(rows: readonly SheetRow[]): Buffer {
  const largest = Math.max(...rows.flatMap((r) => r.images.map((i) => i.size)));
  const smallest = Math.min(...rows.map((r) => r.images[0]!.size));
  const panel = Math.max(...rows.map((r) => r.images.reduce((w, i) => w + i.size + PAD, PAD)));
  const rowHeight = Math.max(largest, smallest * ZOOM) + PAD * 2;
  const cellWidth = panel * 2 + smallest * ZOOM + PAD * 2;
  const perColumn = Math.ceil(rows.length / COLUMNS);
  const width = cellWidth * COLUMNS + PAD * (COLUMNS + 1);
  const height = perColumn * rowHeight + PAD;
  const href = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  const parts: string[] = [];
  rows.forEach((row, n) => {
    const left = PAD + Math.floor(n / perColumn) * (cellWidth + PAD);
    const top = PAD + (n % perColumn) * rowHeight;
    ['#f3f4f6', '#1f2937'].forEach((fill, p) => {
      const x0 = left + p * panel;
      parts.push(
        `<rect x="${x0}" y="${top}" width="${panel}" height="${rowHeight - PAD}" fill="${fill}"/>`,
      );
      let x = x0 + PAD;
      for (const { size, png } of row.images) {
        const y = top + (rowHeight - PAD - size) / 2;
        parts.push(
          `<image x="${x}" y="${y}" width="${size}" height="${size}" href="${href(png)}"/>`,
        );
        x += size + PAD;
      }
    });
    const first = row.images[0]!;
    const zoomed = first.size * ZOOM;
    parts.push(
      `<image x="${left + panel * 2 + PAD}" y="${top + (rowHeight - PAD - zoomed) / 2}" width="${zoomed}" height="${zoomed}" image-rendering="optimizeSpeed" href="${href(first.png)}"/>`,
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
  return rasterize(svg, width);
}
