import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkPdf } from '../../src/core/checks/checkSubmission';
import type { Finding } from '../../src/core/checks/finding';
import { BUILTIN_PACKS } from '../../src/core/checks/rulesPack';
import { citationContextAt, findCitations, keyAt, type CitationLanguage } from '../../src/core/citations';
import { markdownBibliographies } from '../../src/core/discovery';
import { LatexDocument } from '../../src/core/documents';
import { readLibraryText } from '../../src/core/library/formats';
import { ReferenceSchema, type LibraryError } from '../../src/core/library/reference';
import { textStart } from '../../src/core/text/fileText';
import { bibtexSeeds, cslJsonSeeds, cslYamlSeeds, latexSeeds, markdownSeeds, pdfSeeds, risSeeds } from './fuzzCorpus';
import { byteMutations, mutateBytes, mutateText, textMutations } from './fuzzMutator';
import { memoryService } from './serviceFixtures';

/** One fuzz target: how many cases CI runs (times CALM_CITE_FUZZ_RUNS) and the property over one case. */
export interface FuzzTarget {
  runs: number;
  /** Its seeds come from ../shared: a fresh clone skips it. */
  needsShared?: boolean;
  /** Built inside the worker: loads its seeds and returns the property fast-check checks. */
  property(onCase: () => void): Promise<fc.IAsyncPropertyWithHooks<unknown[]> | fc.IPropertyWithHooks<unknown[]>>;
}

/** A seed text as is (a third of the time) or mutated, so the real files themselves are also covered. */
function mutatedText(seeds: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(seeds.length - 1), fc.option(textMutations, { freq: 3 })).map(([index, mutations]) =>
    mutations ? mutateText(seeds[index]!, mutations, seeds) : seeds[index]!,
  );
}

/** Lines as editors and the readers count them: a CR, an LF or a CRLF ends one. */
function lineCount(text: string): number {
  let lines = 1;
  for (const _ of text.matchAll(/\r\n?|\n/g)) lines++;
  return lines;
}

function assertLocatedIn(error: LibraryError, filePath: string, text: string): void {
  assert.equal(error.path, filePath);
  assert.ok(Number.isInteger(error.line) && error.line >= 1 && error.line <= lineCount(text), `line ${error.line}: ${error.message}`);
  assert.ok(Number.isInteger(error.column) && error.column >= 1, `column ${error.column}: ${error.message}`);
  assert.ok(error.message.trim().length > 0);
}

/** Every finding names a file and a message; line, column and page, where given, are 1-based integers. */
function assertFindingsLocated(findings: readonly Finding[]): void {
  for (const finding of findings) {
    assert.ok(finding.file.length > 0 && finding.rule.length > 0 && finding.message.trim().length > 0, JSON.stringify(finding));
    for (const field of ['line', 'column', 'page'] as const) {
      const value = finding[field];
      if (value !== undefined) assert.ok(Number.isInteger(value) && value >= 1, `${field} ${value}: ${finding.message}`);
    }
  }
}

function libraryTarget(filePath: string, runs: number, seeds: () => string[]): FuzzTarget {
  return {
    runs,
    async property(onCase) {
      return fc.property(mutatedText(seeds()), fc.nat(), (text, sample) => {
        onCase();
        const result = readLibraryText(filePath, text);
        for (const error of result.errors) assertLocatedIn(error, filePath, text);
        // Schema validation is the slow part; a few sampled references per case cover every code path over the run.
        for (let i = 0; i < Math.min(3, result.references.length); i++) {
          const reference = result.references[(sample + i * 7919) % result.references.length]!;
          ReferenceSchema.parse(reference);
          assert.equal(reference.source.path, filePath);
          assert.ok(reference.source.line <= lineCount(text));
          // A key span, where there is one, holds the key; an entry span lies in the text and starts where the entry does.
          const start = textStart(text);
          if (reference.keySpan) assert.equal(text.slice(start + reference.keySpan.start, start + reference.keySpan.end), reference.key);
          if (reference.entrySpan) {
            assert.ok(reference.entrySpan.start <= reference.entrySpan.end && start + reference.entrySpan.end <= text.length, JSON.stringify(reference.entrySpan));
            assert.deepEqual([reference.entrySpan.line, reference.entrySpan.column], [reference.source.line, reference.source.column]);
          }
        }
      });
    },
  };
}

function citationTarget(language: CitationLanguage, runs: number, seeds: () => string[]): FuzzTarget {
  return {
    runs,
    needsShared: true,
    async property(onCase) {
      return fc.property(mutatedText(seeds()), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (text, positions) => {
        onCase();
        const inText = (offset: number) => Number.isInteger(offset) && offset >= 0 && offset <= text.length;
        for (const citation of findCitations(text, language)) {
          assert.ok(inText(citation.start) && inText(citation.end) && citation.start <= citation.end, JSON.stringify(citation));
          assert.ok(citation.group.start <= citation.start && citation.end <= citation.group.end && inText(citation.group.end));
          assert.ok(citation.key.length > 0);
        }
        for (const position of positions) {
          const offset = position % (text.length + 1);
          const context = citationContextAt(text, offset, language);
          if (context) {
            assert.ok(inText(context.replaceStart) && inText(context.replaceEnd), JSON.stringify(context));
            assert.ok(context.replaceStart <= offset && offset <= context.replaceEnd, JSON.stringify({ offset, context }));
            assert.equal(context.prefix, text.slice(context.replaceStart, offset));
          }
          const key = keyAt(text, offset, language);
          if (key) assert.ok(key.start <= offset && offset <= key.end);
        }
      });
    },
  };
}

const discoveryTarget: FuzzTarget = {
  runs: 150,
  needsShared: true,
  async property(onCase) {
    const latex = latexSeeds();
    const markdown = markdownSeeds();
    return fc.property(mutatedText(latex), mutatedText(markdown), (tex, md) => {
      onCase();
      const inText = (start: number, end: number, text: string) => start >= 0 && start <= end && end <= text.length;
      // Through the one LaTeX reader: the masked text keeps every offset and line, and what it finds lies in the text.
      const document = new LatexDocument('/paper/paper.tex', tex);
      assert.equal(document.masked.length, tex.length);
      assert.equal(lineCount(document.masked), lineCount(tex));
      for (const reference of [...document.bibliographies(), ...document.includes()]) {
        assert.ok(inText(reference.start, reference.end, tex), JSON.stringify(reference));
        assert.ok(reference.line >= 1 && reference.column >= 1 && reference.line <= lineCount(tex));
      }
      for (const bibliography of markdownBibliographies(md, '/paper/paper.md').bibliographies) {
        assert.ok(inText(bibliography.start, bibliography.end, md), JSON.stringify(bibliography));
      }
    });
  },
};

/** A root .tex and an \input section, mutated, saved in a workspace: what `calm-cite check` reads, through the whole service. */
const checkSourceTarget: FuzzTarget = {
  runs: 60,
  needsShared: true,
  async property(onCase) {
    const seeds = latexSeeds();
    const { workspace, service } = memoryService({ folders: ['/paper'] });
    return fc.asyncProperty(mutatedText(seeds), mutatedText(seeds), async (root, section) => {
      onCase();
      workspace.writeFile('/paper/main.tex', `${root}\n\\input{section}\n`);
      workspace.writeFile('/paper/section.tex', section);
      const report = await service.checkSubmission({ path: '/paper/main.tex' });
      assertFindingsLocated(report.findings);
    });
  },
};

const checkPdfTarget: FuzzTarget = {
  runs: 40,
  needsShared: true,
  async property(onCase) {
    const seeds = await pdfSeeds();
    const pack = BUILTIN_PACKS['calm-2024']!;
    const pdf = fc.tuple(fc.nat(seeds.length - 1), byteMutations).map(([index, mutations]) => mutateBytes(seeds[index]!, mutations, seeds));
    return fc.asyncProperty(pdf, async (bytes) => {
      onCase();
      const findings = await checkPdf(bytes, '/paper/paper.pdf', pack);
      assertFindingsLocated(findings);
      for (const finding of findings) assert.equal(finding.file, '/paper/paper.pdf');
    });
  },
};

export const FUZZ_TARGETS: Record<string, FuzzTarget> = {
  'library/bibtex': { ...libraryTarget('/lib/refs.bib', 250, bibtexSeeds), needsShared: true },
  'library/csl-json': libraryTarget('/lib/refs.json', 250, cslJsonSeeds),
  'library/csl-yaml': libraryTarget('/lib/refs.yaml', 200, cslYamlSeeds),
  'library/ris': libraryTarget('/lib/refs.ris', 250, risSeeds),
  'citations/latex': { ...citationTarget('latex', 200, latexSeeds), needsShared: true },
  'citations/markdown': { ...citationTarget('markdown', 200, markdownSeeds), needsShared: true },
  discovery: discoveryTarget,
  'checks/source': checkSourceTarget,
  'checks/pdf': checkPdfTarget,
};
