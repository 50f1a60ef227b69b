// The Teams app icons, drawn in code so the package needs no binary files: a light bulb (an idea, an
// innovation) with rays. Colour icon: 192×192, white bulb on the accent colour, symbol inside the
// central safe area. Outline icon: 32×32, white on transparent, as Teams requires.
import { encodePng, type RgbaImage } from './png.js';

export const ACCENT_COLOR = '#1F5FA8';

type Shape = (x: number, y: number) => boolean;

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A segment with round ends (a "capsule"). */
function capsule(x1: number, y1: number, x2: number, y2: number, r: number): Shape {
  return (x, y) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return (x - (x1 + t * dx)) ** 2 + (y - (y1 + t * dy)) ** 2 <= r * r;
  };
}

function trapezoid(yTop: number, yBottom: number, halfTop: number, halfBottom: number, cx: number): Shape {
  return (x, y) => {
    if (y < yTop || y > yBottom) return false;
    const half = halfTop + ((y - yTop) / (yBottom - yTop)) * (halfBottom - halfTop);
    return Math.abs(x - cx) <= half;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

function minus(shape: Shape, hole: Shape): Shape {
  return (x, y) => shape(x, y) && !hole(x, y);
}

/** The bulb in a unit square (0..1 both ways), centred with a margin of `margin` on each side. */
function bulb(margin: number, rays: boolean): Shape {
  const s = (v: number) => margin + v * (1 - 2 * margin);
  const scale = 1 - 2 * margin;
  const glass = circle(s(0.5), s(0.4), 0.25 * scale);
  const neck = trapezoid(s(0.56), s(0.72), 0.16 * scale, 0.11 * scale, s(0.5));
  const band1 = capsule(s(0.39), s(0.775), s(0.61), s(0.775), 0.035 * scale);
  const band2 = capsule(s(0.42), s(0.855), s(0.58), s(0.855), 0.035 * scale);
  const tip = capsule(s(0.47), s(0.925), s(0.53), s(0.925), 0.03 * scale);
  // A filament: a notch of background inside the glass.
  const filament = union(
    capsule(s(0.44), s(0.42), s(0.5), s(0.5), 0.022 * scale),
    capsule(s(0.56), s(0.42), s(0.5), s(0.5), 0.022 * scale),
  );
  const body = minus(union(glass, neck), filament);
  const parts: Shape[] = [body, band1, band2, tip];
  if (rays) {
    const cx = s(0.5);
    const cy = s(0.4);
    for (const angle of [-90, -135, -45, -180, 0]) {
      const a = (angle * Math.PI) / 180;
      const r1 = 0.32 * scale;
      const r2 = 0.42 * scale;
      parts.push(capsule(cx + r1 * Math.cos(a), cy + r1 * Math.sin(a), cx + r2 * Math.cos(a), cy + r2 * Math.sin(a), 0.03 * scale));
    }
  }
  return union(...parts);
}

/** Fraction of each pixel covered by the shape, 4×4 samples per pixel. */
function coverage(shape: Shape, size: number): Float64Array {
  const out = new Float64Array(size * size);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
        }
      }
      out[py * size + px] = hits / (n * n);
    }
  }
  return out;
}

function hexColor(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** 192×192: white bulb on the accent colour (opaque); the symbol stays inside the central 120×120. */
export function colorIcon(accent: string = ACCENT_COLOR): RgbaImage {
  const size = 192;
  const [r, g, b] = hexColor(accent);
  const cover = coverage(bulb(36 / 192, true), size);
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const c = cover[i];
    rgba[i * 4] = Math.round(r + (255 - r) * c);
    rgba[i * 4 + 1] = Math.round(g + (255 - g) * c);
    rgba[i * 4 + 2] = Math.round(b + (255 - b) * c);
    rgba[i * 4 + 3] = 255;
  }
  return { width: size, height: size, rgba };
}

/** 32×32: white bulb on a transparent background (anti-aliased edges are white with partial alpha). */
export function outlineIcon(): RgbaImage {
  const size = 32;
  const cover = coverage(bulb(1 / 32, false), size);
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const alpha = Math.round(cover[i] * 255);
    rgba[i * 4] = 255;
    rgba[i * 4 + 1] = 255;
    rgba[i * 4 + 2] = 255;
    rgba[i * 4 + 3] = alpha;
  }
  return { width: size, height: size, rgba };
}

export function colorIconPng(accent?: string): Buffer {
  return encodePng(colorIcon(accent));
}

export function outlineIconPng(): Buffer {
  return encodePng(outlineIcon());
}
