import { Resvg } from '@resvg/resvg-js';

/** The SVG drawn at `size`×`size` pixels as a PNG (resvg: anti-aliased, no system fonts used). */
export function rasterize(svg: string, size: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  });
  return resvg.render().asPng();
}

/** The SVG drawn at `size`, as raw RGBA pixels (row by row, 4 bytes a pixel). */
export function pixels(svg: string, size: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  });
  return resvg.render().pixels;
}

/**
 * A macOS template image's SVG: every paint colour black, so only the alpha says anything and
 * the menu bar tints it. The sources write paint in six-digit hex and masks in three (#fff and
 * #000), so the masks, which cut the gaps, stay as they are.
 */
export function templateOf(svg: string): string {
  return svg.replace(/#[0-9a-f]{6}\b/gi, '#000000');
}
