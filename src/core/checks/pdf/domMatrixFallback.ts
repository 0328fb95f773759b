/**
 * The part of DOMMatrix pdf.js uses when it only reads a PDF: pdf.mjs constructs one as it loads, and
 * the parser scales and translates one to turn a Type 3 glyph's image mask into a path. In Node pdf.js
 * takes DOMMatrix from @napi-rs/canvas, an optional native package the .vsix does not ship, so
 * without this pdf.js does not even load in the extension's PDF worker. Nothing here renders.
 */
class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: readonly number[]) {
    if (init?.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init as [number, number, number, number, number, number];
  }

  /** this = this x other, as DOMMatrix.multiplySelf. */
  private multiplySelf(a: number, b: number, c: number, d: number, e: number, f: number): this {
    const { a: a0, b: b0, c: c0, d: d0, e: e0, f: f0 } = this;
    this.a = a0 * a + c0 * b;
    this.b = b0 * a + d0 * b;
    this.c = a0 * c + c0 * d;
    this.d = b0 * c + d0 * d;
    this.e = a0 * e + c0 * f + e0;
    this.f = b0 * e + d0 * f + f0;
    return this;
  }

  scaleSelf(scaleX = 1, scaleY = scaleX): this {
    return this.multiplySelf(scaleX, 0, 0, scaleY, 0, 0);
  }

  translateSelf(x = 0, y = 0): this {
    return this.multiplySelf(1, 0, 0, 1, x, y);
  }
}

/** Gives pdf.js a DOMMatrix when the runtime has none. */
export function installDomMatrixFallback(): void {
  const global = globalThis as { DOMMatrix?: unknown };
  global.DOMMatrix ??= AffineMatrix;
}
