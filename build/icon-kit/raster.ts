/**
 * Icons as layers of signed distance functions over the unit square (0..1 both ways, y down):
 * each pixel's coverage comes from its distance to the shape's edge, which anti-aliases at any
 * size from the same description.
 */
export type Shape = (x: number, y: number) => number;

export const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

export const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    const hx = (x1 - x0) / 2 - r;
    const hy = (y1 - y0) / 2 - r;
    const dx = Math.abs(x - (x0 + x1) / 2) - hx;
    const dy = Math.abs(y - (y0 + y1) / 2) - hy;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };

/** A line from a to b with round ends, `width` thick. */
export const stroke =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    return Math.hypot(x - ax - t * vx, y - ay - t * vy) - width / 2;
  };

export const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

/** The outline of a shape, `width` thick, centred on its edge. */
export const outline =
  (shape: Shape, width: number): Shape =>
  (x, y) =>
    Math.abs(shape(x, y)) - width / 2;

export type Rgba = readonly [number, number, number, number];

/** `paint` lays colour over what is below; `cut` clears it (holes for template images). */
export interface Layer {
  shape: Shape;
  color: Rgba;
  mode?: 'paint' | 'cut';
}

export function hex(color: string, alpha = 255): Rgba {
  const n = Number.parseInt(color.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

export function render(size: number, layers: readonly Layer[]): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const coverage = Math.max(0, Math.min(1, 0.5 - layer.shape(x, y) * size));
        if (coverage === 0) continue;
        if (layer.mode === 'cut') {
          a *= 1 - coverage;
          continue;
        }
        const la = (layer.color[3] / 255) * coverage;
        const na = la + a * (1 - la);
        if (na > 0) {
          r = (layer.color[0] * la + r * a * (1 - la)) / na;
          g = (layer.color[1] * la + g * a * (1 - la)) / na;
          b = (layer.color[2] * la + b * a * (1 - la)) / na;
        }
        a = na;
      }
      const i = (py * size + px) * 4;
      out[i] = Math.round(r);
      out[i + 1] = Math.round(g);
      out[i + 2] = Math.round(b);
      out[i + 3] = Math.round(a * 255);
    }
  return out;
}
