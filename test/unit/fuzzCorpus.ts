import * as fs from 'node:fs';
import * as path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { stringify } from 'yaml';
import { sharedPath } from './shared';

/** Real inputs the fuzzer starts from (and splices between). Chunks keep each case small and fast. */
const CHUNK = 12_000;

function chunksOf(text: string): string[] {
  if (text.length <= CHUNK) return [text];
  const middle = text.indexOf('\n@', Math.floor(text.length / 2));
  return [text.slice(0, CHUNK), text.slice(middle < 0 ? 0 : middle + 1).slice(0, CHUNK)];
}

const BUNDLED_DIR = path.resolve(__dirname, '..', '..', 'media', 'library');

export function bibtexSeeds(): string[] {
  const dir = sharedPath('corpus', 'bib');
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.bib')).sort().map((name) => path.join(dir, name));
  files.push(path.join(BUNDLED_DIR, 'calm2024-references.bib'));
  return files.flatMap((file) => chunksOf(fs.readFileSync(file, 'utf8')));
}

type CslItem = Record<string, unknown> & { id: string; type: string; title?: string; author?: { family?: string; given?: string }[]; issued?: unknown; DOI?: string };

function cslItems(): CslItem[] {
  return JSON.parse(fs.readFileSync(path.join(BUNDLED_DIR, 'calm2024-references.json'), 'utf8')) as CslItem[];
}

/** Groups of three items, so a case holds a few entries and a mutation can break one of several. */
function itemGroups(): CslItem[][] {
  const items = cslItems();
  const groups: CslItem[][] = [];
  for (let i = 0; i < items.length; i += 3) groups.push(items.slice(i, i + 3));
  return groups;
}

export function cslJsonSeeds(): string[] {
  return itemGroups().map((group) => JSON.stringify(group, null, 2));
}

export function cslYamlSeeds(): string[] {
  return itemGroups().map((group) => `---\nreferences:\n${stringify(group).replace(/^/gm, '  ')}...\n`);
}

export function risSeeds(): string[] {
  return itemGroups().map((group) => group.map(risRecord).join('\n'));
}

function risRecord(item: CslItem): string {
  const lines = [`TY  - ${item.type === 'article-journal' ? 'JOUR' : 'CONF'}`, `ID  - ${item.id}`];
  if (item.title) lines.push(`TI  - ${item.title}`);
  for (const author of item.author ?? []) lines.push(`AU  - ${author.family ?? ''}, ${author.given ?? ''}`);
  const year = (item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0];
  if (year) lines.push(`PY  - ${year}`);
  if (item.DOI) lines.push(`DO  - ${item.DOI}`);
  lines.push('ER  - ');
  return lines.join('\n') + '\n';
}

function paperFiles(pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (pattern.test(entry.name)) found.push(full);
    }
  };
  walk(sharedPath('corpus', 'papers'));
  return found;
}

export function latexSeeds(): string[] {
  const files = [...paperFiles(/\.tex$/), sharedPath('corpus', 'calm-template', 'neurips_2024_calm.tex')];
  return files.flatMap((file) => chunksOf(fs.readFileSync(file, 'utf8')));
}

export function markdownSeeds(): string[] {
  return paperFiles(/\.(md|qmd|Rmd)$/i).flatMap((file) => chunksOf(fs.readFileSync(file, 'utf8')));
}

/** The workshop template's PDF and a few small PDFs with text, fonts, metadata and several pages. */
export async function pdfSeeds(): Promise<Uint8Array[]> {
  const small: Uint8Array[] = [];
  for (const pages of [1, 3]) {
    const pdf = await PDFDocument.create();
    pdf.setAuthor('Anonymous');
    const font = await pdf.embedFont(StandardFonts.TimesRoman);
    for (let i = 0; i < pages; i++) pdf.addPage([612, 792]).drawText(`Causal page ${i + 1} \\cite{pearl2009}`, { x: 108, y: 700, size: 10, font });
    small.push(await pdf.save({ useObjectStreams: pages > 1 }));
  }
  return [new Uint8Array(fs.readFileSync(sharedPath('corpus', 'calm-template', 'neurips_2024_calm.pdf'))), ...small];
}
