// Live diagnostics speed: checkCitations for a 500-citation paper against a 100k-entry library, the
// editor's work after each pause in typing. "first" includes finding the library's duplicates (once
// per library change); "again" is what every later keystroke pays.
import { checkCitations, type CitationCheckInput } from '../src/core/citationChecks/checkCitations';
import { LatexDocument } from '../src/core/documents';
import { Library } from '../src/core/library/library';
import type { Reference } from '../src/core/library/reference';

const ENTRIES = 100_000;
const CITATIONS = 500;
const LIBRARY_PATH = '/bench/library.bib';

function reference(index: number): Reference {
  return {
    key: `author${index}key${2000 + (index % 25)}`,
    type: 'inproceedings',
    title: `Paper number ${index}`,
    authors: [{ family: `Author${index}`, given: 'A.' }],
    year: String(2000 + (index % 25)),
    venue: 'Proceedings of a Conference',
    keywords: [],
    // Every 1000th paper is entered twice under another key, as merged exports do.
    doi: `10.1000/paper.${index % 1000 === 999 ? index - 1 : index}`,
    arxiv: index % 3 === 0 ? `2401.${String(index).padStart(5, '0')}` : undefined,
    fields: { author: `Author${index}, A.`, title: `Paper number ${index}`, booktitle: 'Proceedings', year: String(2000 + (index % 25)) },
    source: { path: LIBRARY_PATH, line: 1 + index * 8, column: 1 },
    library: 'user',
  };
}

/** 500 citations over 250 commands: defined keys, 5 case slips and 5 keys no library has. */
function paper(): string {
  const keys: string[] = [];
  for (let index = 0; index < CITATIONS - 10; index++) keys.push(reference(index * 197).key);
  for (let index = 0; index < 5; index++) keys.push(reference(index * 7).key.toUpperCase());
  for (let index = 0; index < 5; index++) keys.push(`missing${index}2024`);
  const lines: string[] = [];
  for (let index = 0; index < keys.length; index += 2) lines.push(`As shown before \\citep{${keys[index]}, ${keys[index + 1]}}.`);
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A fresh document version each time, as after an edit: its citations are scanned again, as the editor's are. */
function input(library: Library, text: string): CitationCheckInput {
  return { documents: [new LatexDocument('/bench/paper.tex', text)], library, ownLibraryFiles: ['/bench/refs.bib'] };
}

export async function run(): Promise<void> {
  const text = paper();
  const timeFirst: number[] = [];
  const timeAgain: number[] = [];
  let findings = 0;
  for (let round = 0; round < 7; round++) {
    // A fresh library per round, so "first" really finds the duplicates again.
    const library = new Library();
    library.setFile(LIBRARY_PATH, { references: Array.from({ length: ENTRIES }, (_, index) => reference(index)), errors: [], format: 'bibtex', macros: new Map() });
    library.keys();
    let started = performance.now();
    findings = checkCitations(input(library, text)).length;
    timeFirst.push(performance.now() - started);
    for (let again = 0; again < 3; again++) {
      started = performance.now();
      checkCitations(input(library, text));
      timeAgain.push(performance.now() - started);
    }
  }
  console.log(`\n## Citation diagnostics (${ENTRIES / 1000}k-entry library, ${CITATIONS} citations, ${findings} findings, median of 7 rounds)\n`);
  console.log('| check | median ms |');
  console.log('|---|---|');
  console.log(`| first after a library change (finds duplicates) | ${median(timeFirst).toFixed(1)} |`);
  console.log(`| again, per pause in typing | ${median(timeAgain).toFixed(1)} |`);
}

if (require.main === module) void run();
