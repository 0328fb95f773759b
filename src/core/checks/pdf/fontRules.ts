import type { FindingDraft } from '../finding';
import { numberParam } from '../rulesPack';
import type { PdfFont, PdfModel } from './pdfDocument';
import type { PdfRule } from './pdfRule';

/** Times and the free fonts LaTeX's ptm/newtx/mathptmx substitute for it. */
const TIMES_LIKE = /times|nimbusrom|nimbus-rom|ptmr|ptmb|ptmri|termes|txfonts|newtx|stix|tinos|liberationserif|utmr/i;

/** The same font embedded by several figures appears several times; report each name once. */
function uniqueByName(fonts: readonly PdfFont[]): PdfFont[] {
  const byName = new Map<string, PdfFont>();
  for (const font of fonts) {
    const known = byName.get(font.name);
    if (!known || font.firstPage < known.firstPage) byName.set(font.name, font);
  }
  return [...byName.values()];
}

function pagesUsing(fonts: readonly PdfFont[], name: string): number[] {
  return [...new Set(fonts.filter((font) => font.name === name).map((font) => font.firstPage))].sort((a, b) => a - b);
}

/** P15: only embedded Type 1 or TrueType fonts; Type 3 (bitmap) fonts usually come from figures. */
export const checkFontsEmbedded: PdfRule = ({ pdf }) => {
  const drafts: FindingDraft[] = [];
  for (const font of uniqueByName(pdf.fonts)) {
    const pages = pagesUsing(pdf.fonts, font.name).join(', ');
    if (font.isType3) {
      drafts.push({
        page: font.firstPage,
        message: `Font ${font.name} is a Type 3 font (first used on page ${pages}). Type 3 fonts usually come from figures: re-export them as PDF with Type 1/TrueType fonts (matplotlib: rcParams['pdf.fonttype'] = 42).`,
      });
    } else if (!font.embedded) {
      drafts.push({
        page: font.firstPage,
        message: `Font ${font.name} (${font.type}) is not embedded (first used on page ${pages}). Embed all fonts: build with pdflatex, or re-export the figure that uses it with fonts embedded.`,
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

/** P17: the body text size, the commonest size of the most used font, must be at least `minBodySize` bp. */
export const checkFontSize: PdfRule = ({ ruleId, pack, pdf }) => {
  const minBodySize = numberParam(pack, ruleId, 'minBodySize', 9.5);
  const statistics = glyphStatistics(pdf);
  const body = mostUsed(statistics.byFont);
  if (!body) return [];
  const size = mostUsed(statistics.sizesByFont.get(body[0])!)![0];
  if (size >= minBodySize) return [];
  const page = pdf.pages.find((candidate) => candidate.items.some((item) => item.fontName === body[0] && Math.abs(item.fontSize - size) < 0.01));
  return [
    {
      page: page?.number ?? 1,
      message: `The body text is set at ${size.toFixed(2)} bp (at least ${minBodySize} bp required; the style uses 10 pt). Remove \\small, \\fontsize or scaling that shrinks the body text.`,
    },
  ];
};
