import type { FindingDraft } from '../finding';
import { numberParam } from '../rulesPack';
import type { PdfFont, PdfModel } from './pdfDocument';
import type { PdfRule } from './pdfRule';
import { boundingBox, pageList } from './layout';

/** Times and the free fonts LaTeX's ptm/newtx/mathptmx substitute for it. */
const TIMES_LIKE = /times|nimbusrom|nimbus-rom|ptmr|ptmb|ptmri|termes|txfonts|newtx|stix|tinos|liberationserif|utmr/i;

/** The text a font sets on its first page, its box and a short sample, so the user can find it. */
function firstUse(pdf: PdfModel, font: PdfFont): Pick<FindingDraft, 'page' | 'bbox'> & { sample?: string } {
  const page = pdf.pages.find((candidate) => candidate.number === font.pages[0]);
  const items = page?.items.filter((item) => item.fontId === font.id) ?? [];
  if (!page || items.length === 0) return { page: font.pages[0] ?? 1 };
  const sample = items.map((item) => item.text).join(' ').replace(/\s+/g, ' ').trim().slice(0, 30);
  return { page: page.number, bbox: boundingBox(items.slice(0, 5)), sample };
}

/** A bitmap font pdfTeX wrote from a PK file, as the build log lists it: `ectt1000.600pk`. */
interface PkFont {
  name: string;
  dpi: number;
}

/** The PK fonts a pdfTeX log says it embedded (`</var/lib/texmf/fonts/pk/ljfour/jknappen/ec/ectt1000.600pk>`). */
function pkFontsInLog(log: string | undefined): PkFont[] {
  if (!log) return [];
  // TeX breaks log lines at 79 characters, also inside file names.
  const joined = log.slice(-200_000).replace(/\r?\n/g, '');
  const fonts = new Map<string, PkFont>();
  for (const match of joined.matchAll(/\/([A-Za-z0-9_-]+)\.(\d+)pk>/g)) fonts.set(`${match[1]}.${match[2]}`, { name: match[1]!, dpi: Number(match[2]) });
  return [...fonts.values()];
}

/**
 * The PK fonts of the log that fit a Type 3 font's FontMatrix: pdfTeX scales a bitmap font by
 * 72.27 / (dpi x design size), and the design size is in the name (ectt1000: 10 pt, cmr7: 7 pt).
 */
function matchingPkFonts(font: PdfFont, pkFonts: readonly PkFont[]): string[] {
  return pkFonts
    .filter((pk) => {
      const digits = /(\d+)$/.exec(pk.name)?.[1];
      if (!digits || !font.fontMatrixScale) return false;
      const designSize = digits.length === 4 ? Number(digits) / 100 : Number(digits);
      return Math.abs(72.27 / (pk.dpi * designSize) / font.fontMatrixScale - 1) < 0.01;
    })
    .map((pk) => pk.name);
}

const BITMAP_FIX =
  'pdfTeX embeds a TeX font as a bitmap when it finds no Type 1 version of it, typically T1-encoded Computer Modern (typewriter or sans text under \\usepackage[T1]{fontenc}). Install cm-super (tlmgr install cm-super, or your distribution\'s cm-super package), or load \\usepackage{lmodern} before the style (the style still sets Times and Helvetica), and rebuild.';
const FIGURE_FIX =
  "Type 3 fonts with outline glyphs come from figures: export the figure again with Type 1/TrueType fonts (matplotlib: rcParams['pdf.fonttype'] = 42) or as PNG.";

function type3Message(font: PdfFont, use: { sample?: string }, pkFonts: readonly PkFont[], logName: string | undefined): string {
  const where = `on page${font.pages.length > 1 ? 's' : ''} ${pageList(font.pages)}${use.sample ? ` (e.g. "${use.sample}")` : ''}`;
  if (font.glyphs === 'bitmap') {
    const candidates = matchingPkFonts(font, pkFonts);
    const origin = candidates.length > 0 ? ` from the bitmap TeX font ${candidates.join(' or ')} (${logName})` : '';
    return `A bitmap Type 3 font${font.name ? ` ${font.name}` : ''}${origin} sets text ${where}. ${BITMAP_FIX}`;
  }
  return `Type 3 font ${font.name ?? '(unnamed)'} sets text ${where}. ${FIGURE_FIX}`;
}

/**
 * One entry per font a user would call one: each figure that embeds DejaVuSans is a font resource of its
 * own, but one font to fix. Nameless fonts (pdfTeX's bitmap fonts) are told apart by their resource.
 */
function mergedByName(fonts: readonly PdfFont[]): PdfFont[] {
  const merged = new Map<string, PdfFont>();
  for (const font of fonts) {
    const key = font.name ?? font.id;
    const known = merged.get(key);
    if (!known) merged.set(key, { ...font, pages: [...font.pages] });
    else known.pages = [...new Set([...known.pages, ...font.pages])].sort((a, b) => a - b);
  }
  return [...merged.values()];
}

/** P15: only embedded Type 1 or TrueType fonts. Each Type 3 font is named with its pages, likely origin and fix. */
export const checkFontsEmbedded: PdfRule = ({ pdf, buildLog }) => {
  const drafts: FindingDraft[] = [];
  const pkFonts = pkFontsInLog(buildLog?.text);
  for (const font of mergedByName(pdf.fonts.filter((candidate) => candidate.isType3 || !candidate.embedded))) {
    const use = firstUse(pdf, font);
    const { sample: _sample, ...location } = use;
    if (font.isType3) {
      drafts.push({ ...location, message: type3Message(font, use, pkFonts, buildLog?.name) });
    } else {
      const where = `on page${font.pages.length > 1 ? 's' : ''} ${pageList(font.pages)}${use.sample ? ` (e.g. "${use.sample}")` : ''}`;
      drafts.push({
        ...location,
        message: `Font ${font.name ?? font.id} (${font.type}) is not embedded; it sets text ${where}. If it is a text font, build with pdflatex and a TeX whose font map embeds it (updmap: pdftexDownloadBase14 true); if it is in a figure, export the figure again with fonts embedded.`,
      });
    }
  }
  return drafts;
};

/** Glyph counts per font name and per (font name, size), over every page. */
interface GlyphStatistics {
  total: number;
  byFont: Map<string, number>;
  sizesByFont: Map<string, Map<number, number>>;
}

function glyphStatistics(pdf: PdfModel): GlyphStatistics {
  const statistics: GlyphStatistics = { total: 0, byFont: new Map(), sizesByFont: new Map() };
  for (const page of pdf.pages) {
    for (const item of page.items) {
      const glyphs = item.text.replace(/\s/g, '').length;
      statistics.total += glyphs;
      statistics.byFont.set(item.fontName, (statistics.byFont.get(item.fontName) ?? 0) + glyphs);
      const sizes = statistics.sizesByFont.get(item.fontName) ?? new Map<number, number>();
      const size = Math.round(item.fontSize * 100) / 100;
      sizes.set(size, (sizes.get(size) ?? 0) + glyphs);
      statistics.sizesByFont.set(item.fontName, sizes);
    }
  }
  return statistics;
}

function mostUsed<Key>(counts: Map<Key, number>): [Key, number] | undefined {
  let best: [Key, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best;
}

/** P16: the most used font must be Times-like and carry at least `minShare` of the glyphs. */
export const checkBodyFont: PdfRule = ({ ruleId, pack, pdf }) => {
  const minShare = numberParam(pack, ruleId, 'minShare', 0.35);
  const statistics = glyphStatistics(pdf);
  const body = mostUsed(statistics.byFont);
  if (!body || statistics.total === 0) return [];
  const [name, count] = body;
  const share = count / statistics.total;
  const percent = `${(share * 100).toFixed(0)}%`;
  if (!TIMES_LIKE.test(name)) {
    return [{ page: 1, message: `The most used font is ${name} (${percent} of the text), not Times. Keep the style's Times body font: do not load other font packages.` }];
  }
  if (share < minShare) {
    return [{ page: 1, message: `The Times body font ${name} sets only ${percent} of the text (at least ${(minShare * 100).toFixed(0)}% expected). Keep the body in the style's default font.` }];
  }
  return [];
};

/** P17: the body text size, the commonest size of the most used font, must be the style's 10 pt (between `minBodySize` and `maxBodySize` bp). */
export const checkFontSize: PdfRule = ({ ruleId, pack, pdf }) => {
  const minBodySize = numberParam(pack, ruleId, 'minBodySize', 9.5);
  const maxBodySize = numberParam(pack, ruleId, 'maxBodySize', 10.5);
  const statistics = glyphStatistics(pdf);
  const body = mostUsed(statistics.byFont);
  if (!body) return [];
  const size = mostUsed(statistics.sizesByFont.get(body[0])!)![0];
  if (size >= minBodySize && size <= maxBodySize) return [];
  const page = pdf.pages.find((candidate) => candidate.items.some((item) => item.fontName === body[0] && Math.abs(item.fontSize - size) < 0.01));
  const advice =
    size < minBodySize
      ? 'Remove \\small, \\fontsize or scaling that shrinks the body text.'
      : 'Remove the 11pt/12pt class option, \\fontsize or packages that enlarge the body text.';
  return [
    {
      page: page?.number ?? 1,
      message: `The body text is set at ${size.toFixed(2)} bp; the style sets 10 pt (${minBodySize}-${maxBodySize} bp expected). ${advice}`,
    },
  ];
};
