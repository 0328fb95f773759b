import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { BBox } from '../finding';

/**
 * A small reader for the SyncTeX files pdfTeX, XeTeX and LuaTeX write beside the PDF
 * (`paper.synctex.gz`, format version 1). The file is text: a preamble (`Input:tag:path` lines naming
 * every file TeX read, `Unit:`, `Magnification:`, `X Offset:`), then per page (`{n` ... `}n`) one record a
 * line for each box and node TeX shipped out, e.g. `(1,86:7104430,7436419:26049576,780261,229886`: an hbox
 * from input 1, line 86, at h,v (scaled points from the top-left corner of the page) with width, height
 * and depth; `[`/`]` vboxes, `)` ends an hbox, `v`/`h` void boxes, `x` characters, `k` kerns, `g`
 * glue, `$` math. Input lines may appear anywhere.
 *
 * It is read once as a stream (gunzip and lines), keeping only the best record for each question asked,
 * so memory stays flat; the inflated text is capped.
 */

/** Scaled points per big point: 65536 sp per TeX point, 72.27 TeX points per 72 bp. */
const SP_PER_BP = 65536 * (72.27 / 72);

/** Where a PDF finding's box is: the page (1-based) and the box in PDF points from the bottom-left corner. */
export interface SynctexQuestion {
  page: number;
  pageHeight: number;
  bbox: BBox;
}

export interface SourceLine {
  file: string;
  line: number;
}

export interface SynctexOptions {
  /** The folder the PDF was built from as this machine sees it (the root .tex's folder): paths recorded elsewhere are moved here. */
  sourceRoot: string;
  /** Past this many inflated bytes the rest of the file is not read. */
  maxInflatedBytes: number;
}

/** Files whose lines are the user's text; styles, classes, the .aux and the generated .bbl are not. */
const SOURCE_EXTENSIONS = new Set(['.tex', '.ltx']);

interface Candidate {
  score: number;
  tag: number;
  line: number;
}

/** A box whose line is wanted, in SyncTeX's coordinates (bp from the page's top-left corner). */
interface Target {
  index: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  best?: Candidate;
}

const RECORD = /^([[(vhxkg$])(\d+),(\d+)(?:,-?\d+)?:(-?\d+),(-?\d+)(?::(-?\d+)(?:,(-?\d+),(-?\d+))?)?/;

/** Points within this distance of a box still belong to it (line ends, kerns just past a glyph). */
const SLACK = 2;

/**
 * The source line of each question's box, or undefined where no record of a source file falls in or
 * around it. A record inside the box wins, the first in reading order; else the smallest hbox that
 * overlaps it.
 */
export async function sourceLines(synctexBytes: Uint8Array, questions: readonly SynctexQuestion[], options: SynctexOptions): Promise<Array<SourceLine | undefined>> {
  const byPage = new Map<number, Target[]>();
  questions.forEach((question, index) => {
    const { x, y, width, height } = question.bbox;
    const target: Target = { index, left: x, right: x + width, top: question.pageHeight - (y + height), bottom: question.pageHeight - y };
    byPage.set(question.page, [...(byPage.get(question.page) ?? []), target]);
  });

  const inputs = new Map<number, string>();
  let unit = 1;
  let magnification = 1000;
  let xOffset = 0;
  let yOffset = 0;
  let page: Target[] | undefined;
  const toBp = (value: number) => (value * unit * (magnification / 1000)) / SP_PER_BP;

  const consider = (tag: number, line: number, h: number, v: number, width?: number, height?: number, depth?: number) => {
    if (!page || line <= 0) return;
    const left = toBp(h) + xOffset;
    const baseline = toBp(v) + yOffset;
    for (const target of page) {
      let score: number;
      if (width === undefined) {
        // A point on a baseline: inside the box, earlier in reading order is better.
        const inside = left >= target.left - SLACK && left <= target.right + SLACK && baseline >= target.top - SLACK && baseline <= target.bottom + SLACK;
        if (!inside) continue;
        score = baseline * 1000 + left;
      } else {
        // A box: it must overlap the target; smaller boxes say more. Always worse than a point inside.
        const right = left + toBp(width);
        const top = baseline - toBp(height ?? 0);
        const bottom = baseline + toBp(depth ?? 0);
        const overlaps = left <= target.right && right >= target.left && top <= target.bottom && bottom >= target.top;
        if (!overlaps || right <= left) continue;
        score = 1e9 + (right - left) * Math.max(1, bottom - top);
      }
      if (!target.best || score < target.best.score) target.best = { score, tag, line };
    }
  };

  let inflated = 0;
  const gunzip = isGzip(synctexBytes) ? zlib.createGunzip() : undefined;
  const source = Readable.from([Buffer.from(synctexBytes.buffer, synctexBytes.byteOffset, synctexBytes.byteLength)]);
  const stream = gunzip ? source.pipe(gunzip) : source;
  let rest = '';
  const readLine = (text: string) => {
    const first = text[0];
    if (first === '{') {
      page = byPage.get(Number(text.slice(1)));
    } else if (first === '}') {
      page = undefined;
    } else if (text.startsWith('Input:')) {
      const match = /^Input:(\d+):(.*)$/.exec(text);
      if (match) inputs.set(Number(match[1]), match[2]!);
    } else if (page === undefined) {
      const setting = /^(Unit|Magnification|X Offset|Y Offset):(-?\d+(?:\.\d+)?)/.exec(text);
      if (setting) {
        const value = Number(setting[2]);
        if (setting[1] === 'Unit') unit = value || 1;
        else if (setting[1] === 'Magnification') magnification = value || 1000;
        else if (setting[1] === 'X Offset') xOffset = value / SP_PER_BP;
        else yOffset = value / SP_PER_BP;
      }
    } else {
      const record = RECORD.exec(text);
      if (!record) return;
      const [, kind, tag, line, h, v, width, height, depth] = record;
      const isBox = kind === '(' || kind === '[' || kind === 'h' || kind === 'v';
      if (isBox && width !== undefined) consider(Number(tag), Number(line), Number(h), Number(v), Number(width), Number(height ?? 0), Number(depth ?? 0));
      else consider(Number(tag), Number(line), Number(h), Number(v));
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > options.maxInflatedBytes) break;
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) readLine(line);
    }
    if (rest !== '') readLine(rest);
  } catch {
    // A truncated or corrupt file: keep what was read before the damage.
  } finally {
    source.destroy();
    gunzip?.destroy();
  }

  const buildRoot = inputs.has(1) ? path.posix.dirname(normalized(inputs.get(1)!)) : undefined;
  const results: Array<SourceLine | undefined> = questions.map(() => undefined);
  for (const targets of byPage.values()) {
    for (const target of targets) {
      if (!target.best) continue;
      const recorded = inputs.get(target.best.tag);
      const file = recorded === undefined ? undefined : localPath(recorded, buildRoot, options.sourceRoot);
      if (file) results[target.index] = { file, line: target.best.line };
    }
  }
  return results;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `/tmp/build/./sections.tex` -> `/tmp/build/sections.tex`; Windows separators as `/`. */
function normalized(recorded: string): string {
  return path.posix.normalize(recorded.replace(/\\/g, '/'));
}

/**
 * The recorded file as a path on this machine, inside the project: files TeX read from the build folder
 * (where the root .tex was) are found again under `sourceRoot`, wherever the PDF was built. System files
 * (styles, classes) and files outside the project give no source line.
 */
function localPath(recorded: string, buildRoot: string | undefined, sourceRoot: string): string | undefined {
  const file = normalized(recorded);
  if (!SOURCE_EXTENSIONS.has(path.posix.extname(file).toLowerCase())) return undefined;
  let relative: string;
  if (!path.posix.isAbsolute(file) && !/^[A-Za-z]:\//.test(file)) relative = file;
  else if (buildRoot && file.startsWith(`${buildRoot}/`)) relative = file.slice(buildRoot.length + 1);
  else return undefined;
  if (relative.split('/').includes('..')) return undefined;
  return path.join(sourceRoot, ...relative.split('/'));
}
