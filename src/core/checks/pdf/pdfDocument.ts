import * as path from 'node:path';
import { MAX_PDF_PAGES, PDF_READ_LIMITS, type PdfReadLimits } from '../../limits';
import { installDomMatrixFallback } from './domMatrixFallback';
import { PdfReadError, REBUILD_ADVICE } from './pdfReadError';
import { checkInflatedSize } from './streamBudget';

/** A piece of text on a page, in PDF points from the page's bottom-left corner. `y` is the baseline. */
export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The glyph size in points (the text matrix's vertical scale). */
  fontSize: number;
  /** The PDF font's base name without the subset prefix: `NimbusRomNo9L-Regu` (`Type3` for a nameless Type 3 font). */
  fontName: string;
  /** Which of `PdfModel.fonts` sets it. */
  fontId: string;
}

export interface PdfFont {
  /** pdf.js's id of the font resource: two fonts may share a name, never an id. */
  id: string;
  /** The base name as written in the PDF, subset prefix included (`LNSPCI+NimbusRomNo9L-Regu`); none for a nameless Type 3 font. */
  name?: string;
  /** The font type pdf.js reports (Type1, TrueType, Type3, CIDFontType2...). */
  type: string;
  embedded: boolean;
  isType3: boolean;
  /**
   * Type 3 only: how its glyphs are drawn. pdfTeX embeds a TeX font it has only as METAFONT bitmaps
   * (PK) as a nameless Type 3 font of bitmap glyphs; plotting libraries write outline glyphs.
   */
  glyphs?: 'bitmap' | 'outline';
  /** Type 3 only: the horizontal scale of its FontMatrix, which for a pdfTeX bitmap font is 72.27 / (dpi x design size). */
  fontMatrixScale?: number;
  /** The pages (1-based, ascending) that use the font. */
  pages: number[];
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

/** What the PDF rules need from a PDF, read once. */
export interface PdfModel {
  /** The first pages (all of them for any real paper; see PdfReadOptions). */
  pages: PdfPage[];
  /** How many pages the PDF has, including any that were not read. */
  pageCount: number;
  fonts: PdfFont[];
  /** The document information /Author, '' when absent. */
  author: string;
  byteLength: number;
}

/** The bounds of one read; the defaults are PDF_READ_LIMITS and MAX_PDF_PAGES (src/core/limits.ts). */
export interface PdfReadOptions extends Partial<Pick<PdfReadLimits, 'maxStreamBytes' | 'maxInflatedBytes' | 'pageTreeBudget'>> {
  maxPages?: number;
}

/** The subset of pdf.js's font object this module reads. */
interface PdfjsFont {
  name?: string;
  type?: string;
  missingFile?: boolean;
  isType3Font?: boolean;
  fontMatrix?: number[];
  /** Type 3 fonts: each glyph's drawing operators. */
  charProcOperatorList?: Record<string, { fnArray: number[] }>;
}

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

let pdfjsPromise: Promise<PdfjsModule> | undefined;

/**
 * pdf.js is ESM-only; a dynamic import works from tsx and from a CommonJS bundle. Registering the
 * worker module on globalThis makes pdf.js run its "worker" in this thread, which needs no worker
 * file path (there is none inside a bundle).
 */
async function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    const worker = await withoutCanvasWarnings(() => import('pdfjs-dist/legacy/build/pdf.worker.mjs'));
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    // pdf.mjs constructs a DOMMatrix as it loads; nothing here renders, so the reading-only fallback will do.
    installDomMatrixFallback();
    return withoutCanvasWarnings(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
  })();
  return pdfjsPromise;
}

/**
 * pdf.js looks for the optional native @napi-rs/canvas as it loads and, before any verbosity can be
 * set, prints "Warning: Cannot load/polyfill ..." when it is absent, as in the .vsix and the CLI. Only
 * rendering needs it, and nothing here renders, so those lines would only alarm the user.
 */
async function withoutCanvasWarnings<T>(load: () => Promise<T>): Promise<T> {
  const { log, warn } = console;
  const quiet =
    (print: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /^Warning: Cannot (load "@napi-rs\/canvas"|polyfill)/.test(args[0])) return;
      print(...args);
    };
  console.log = quiet(log);
  console.warn = quiet(warn);
  try {
    return await load();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/**
 * Where pdf.js finds its CMaps, needed to read CID fonts (without them they load as nameless error
 * fonts). The standard-font data is deliberately not given: with it pdf.js substitutes the standard
 * 14 fonts and no longer reports them as missing, which is exactly what calm/fonts-embedded looks for.
 */
function pdfjsAssetOptions(): { cMapUrl?: string; cMapPacked?: boolean } {
  try {
    const packageDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
    return {
      cMapUrl: path.join(packageDir, 'cmaps') + path.sep,
      cMapPacked: true,
    };
  } catch {
    return {};
  }
}

function stripSubsetPrefix(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '');
}

/** pdf.js names a Type 3 font without a FontName "Type3". */
const NAMELESS_TYPE3 = 'Type3';

function fontOf(pdfjs: PdfjsModule, id: string, font: PdfjsFont): PdfFont {
  const isType3 = Boolean(font.isType3Font);
  const described: PdfFont = {
    id,
    type: isType3 ? 'Type3' : (font.type ?? 'unknown'),
    embedded: !font.missingFile,
    isType3,
    pages: [],
  };
  if (font.name && !(isType3 && font.name === NAMELESS_TYPE3)) described.name = font.name;
  if (isType3) {
    const procedures = Object.values(font.charProcOperatorList ?? {});
    const drawsPaths = procedures.some((procedure) => procedure.fnArray.includes(pdfjs.OPS.constructPath));
    described.glyphs = drawsPaths ? 'outline' : 'bitmap';
    if (font.fontMatrix?.[0]) described.fontMatrixScale = font.fontMatrix[0];
  }
  return described;
}

/**
 * How many pages to read: all up to `maxPages`, fewer when pages times the page count passes the page-tree
 * budget (pdf.js walks a flat /Kids array from the start for every page), but always at least one.
 */
function pagesToRead(pageCount: number, maxPages: number, pageTreeBudget: number): number {
  return Math.max(1, Math.min(pageCount, maxPages, Math.floor(pageTreeBudget / Math.max(1, pageCount))));
}

/**
 * Reads pages, text with fonts and sizes, fonts and metadata, within the bounds of `options`. Throws a
 * PdfReadError when the PDF is past a bound or pdf.js cannot parse it.
 */
export async function readPdfModel(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfModel> {
  checkInflatedSize(bytes, {
    maxStreamBytes: options.maxStreamBytes ?? PDF_READ_LIMITS.maxStreamBytes,
    maxInflatedBytes: options.maxInflatedBytes ?? PDF_READ_LIMITS.maxInflatedBytes,
  });
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdf.js may detach the buffer it is given; keep the caller's bytes intact.
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    fontExtraProperties: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // No rule looks at images; skipping them (pdf.js drops images above this pixel count) saves most of the time.
    maxImageSize: 1,
    ...pdfjsAssetOptions(),
  });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    throw new PdfReadError((error as Error).message, REBUILD_ADVICE);
  }
  try {
    const fonts = new Map<string, PdfFont>();
    const pages: PdfPage[] = [];
    const count = pagesToRead(document.numPages, options.maxPages ?? MAX_PDF_PAGES, options.pageTreeBudget ?? PDF_READ_LIMITS.pageTreeBudget);
    for (let number = 1; number <= count; number++) {
      const page = await document.getPage(number);
      // Fonts reach commonObjs only when the operator list is built; it also tells which fonts the page uses.
      const operators = await page.getOperatorList();
      operators.fnArray.forEach((fn, index) => {
        if (fn !== pdfjs.OPS.setFont) return;
        const id = String((operators.argsArray[index] as unknown[])[0]);
        let font = fonts.get(id);
        if (!font) {
          if (!page.commonObjs.has(id)) return;
          font = fontOf(pdfjs, id, page.commonObjs.get(id) as PdfjsFont);
          fonts.set(id, font);
        }
        if (font.pages.at(-1) !== number) font.pages.push(number);
      });
      const viewport = page.getViewport({ scale: 1 });
      const [originX, originY] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, e, f] = item.transform as number[];
        const font = fonts.get(item.fontName);
        items.push({
          text: item.str,
          x: e! - originX,
          y: f! - originY,
          width: item.width,
          height: item.height,
          fontSize: Math.hypot(c!, d!),
          fontName: font ? stripSubsetPrefix(font.name ?? NAMELESS_TYPE3) : item.fontName,
          fontId: item.fontName,
        });
      }
      pages.push({ number, width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
    const metadata = await document.getMetadata();
    const author = (metadata.info as { Author?: unknown }).Author;
    return {
      pages,
      pageCount: document.numPages,
      fonts: [...fonts.values()],
      author: typeof author === 'string' ? author : '',
      byteLength: bytes.byteLength,
    };
  } finally {
    await document.destroy();
  }
}
