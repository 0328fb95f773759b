import * as path from 'node:path';
import { MAX_PDF_PAGES } from '../../limits';
import { installDomMatrixFallback } from './domMatrixFallback';

/** A piece of text on a page, in PDF points from the page's bottom-left corner. `y` is the baseline. */
export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The glyph size in points (the text matrix's vertical scale). */
  fontSize: number;
  /** The PDF font's base name without the subset prefix: `NimbusRomNo9L-Regu`. */
  fontName: string;
}

export interface PdfFont {
  /** The base name as written in the PDF, subset prefix included (`LNSPCI+NimbusRomNo9L-Regu`). */
  name: string;
  /** The font type pdf.js reports (Type1, TrueType, Type3, CIDFontType2...). */
  type: string;
  embedded: boolean;
  isType3: boolean;
  /** The first page (1-based) that uses the font. */
  firstPage: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

/** What the PDF rules need from a PDF, read once. */
export interface PdfModel {
  /** The first `maxPages` pages (all of them for any real paper). */
  pages: PdfPage[];
  /** How many pages the PDF has, including any past `maxPages` that were not read. */
  pageCount: number;
  fonts: PdfFont[];
  /** The document information /Author, '' when absent. */
  author: string;
  byteLength: number;
}

/** The subset of pdf.js's font object this module reads. */
interface PdfjsFont {
  name?: string;
  type?: string;
  missingFile?: boolean;
  isType3Font?: boolean;
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

/**
 * Reads pages (the first `maxPages`), text with fonts and sizes, fonts and metadata. Throws when pdf.js
 * cannot parse the file.
 */
export async function readPdfModel(bytes: Uint8Array, maxPages = MAX_PDF_PAGES): Promise<PdfModel> {
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
  const document = await task.promise;
  try {
    const fonts = new Map<string, PdfFont>();
    const pages: PdfPage[] = [];
    const pagesToRead = Math.min(document.numPages, maxPages);
    for (let number = 1; number <= pagesToRead; number++) {
      const page = await document.getPage(number);
      // Fonts reach commonObjs only when the operator list is built; it also tells which fonts the page uses.
      const operators = await page.getOperatorList();
      operators.fnArray.forEach((fn, index) => {
        if (fn !== pdfjs.OPS.setFont) return;
        const id = String((operators.argsArray[index] as unknown[])[0]);
        if (fonts.has(id) || !page.commonObjs.has(id)) return;
        const font = page.commonObjs.get(id) as PdfjsFont;
        fonts.set(id, {
          name: font.name ?? id,
          type: font.isType3Font ? 'Type3' : (font.type ?? 'unknown'),
          embedded: !font.missingFile,
          isType3: Boolean(font.isType3Font),
          firstPage: number,
        });
      });
      const viewport = page.getViewport({ scale: 1 });
      const [originX, originY] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, e, f] = item.transform as number[];
        items.push({
          text: item.str,
          x: e! - originX,
          y: f! - originY,
          width: item.width,
          height: item.height,
          fontSize: Math.hypot(c!, d!),
          fontName: stripSubsetPrefix(fonts.get(item.fontName)?.name ?? item.fontName),
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
