import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCitations, yamlNocite } from '../../src/core/citations/index';
import { markdownBibliographies } from '../../src/core/discovery/index';
import { createCiteService } from '../../src/core/service/citeService';
import type { FileOpen } from '../../src/core/workspace';
import { MAX_CITATION_DOCUMENT_LENGTH } from '../../src/core/limits';
import { readText } from '../../src/core/workspace/files';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';
import { BUNDLED } from './serviceFixtures';
import { needsShared, sharedPath } from './shared';

const PAPERS = sharedPath('corpus', 'papers');

/**
 * The disk, with a missing file found by a case-insensitive match in its folder, as on macOS and Windows:
 * the ArWeHei thesis includes `chapters/Introduction` for `introduction.tex`, and the README counts it.
 */
class CaseInsensitiveWorkspace extends NodeWorkspace {
  override async open(file: string, options: { maxBytes: number }): Promise<FileOpen> {
    const opened = await super.open(file, options);
    if (opened.ok || opened.reason !== 'missing') return opened;
    const folder = path.dirname(file);
    const match = fs.existsSync(folder) ? fs.readdirSync(folder).find((name) => name.toLowerCase() === path.basename(file).toLowerCase()) : undefined;
    return match === undefined ? opened : super.open(path.join(folder, match), options);
  }
}

/** The project of a paper's root, read by the service with the paper's folder as the workspace folder. */
async function projectOf(folder: string, entry: string) {
  const workspace = new CaseInsensitiveWorkspace({ folders: [folder] });
  const service = createCiteService(workspace, { bundled: BUNDLED });
  return { workspace, ...(await service.project(path.join(folder, entry))) };
}

interface LatexCase {
  folder: string;
  entry: string;
  keys: number;
  files: number;
  bibliographies: string[];
}

/** Counts and shipped files from the corpus README table. */
const LATEX_DOCUMENTS: LatexCase[] = [
  { folder: 'andykitchen__neuroai-workshop-2024', entry: 'submission.tex', keys: 8, files: 1, bibliographies: ['bibliography.bib'] },
  { folder: 'felixludos__neurips24-CALM-Workshop-Proposal', entry: 'neurips_2024.tex', keys: 30, files: 1, bibliographies: ['refs.bib'] },
  { folder: '1587causalai__dynamic-beta-alignment', entry: 'neurips_2024.tex', keys: 48, files: 8, bibliographies: ['neurips_2024.bib'] },
  { folder: 'charlesdedampierre__NeurIPS2024', entry: 'latex/main.tex', keys: 3, files: 1, bibliographies: ['latex/bib.bib'] },
  { folder: 'jinensetpal__contrastive-optimization', entry: 'paper/main.tex', keys: 16, files: 1, bibliographies: ['paper/references.bib'] },
  { folder: 'sam-laing__bias_correction_paper', entry: 'neurips_2025.tex', keys: 24, files: 1, bibliographies: ['bibliography.bib'] },
  { folder: 'SzJS__LASR_2_Paper', entry: 'main.tex', keys: 14, files: 10, bibliographies: ['references.bib'] },
  { folder: 'joel99__bci_sim_writeup', entry: 'neurips_2024.tex', keys: 31, files: 1, bibliographies: ['midterm_update/main.bib'] },
  { folder: 'ul-dsri__benchmarks-benchmark', entry: 'latex/B2-technical-outline.tex', keys: 36, files: 5, bibliographies: ['latex/references.bib'] },
  { folder: 'sbq0__datacomp-paper', entry: 'main.tex', keys: 150, files: 3, bibliographies: ['main.bib'] },
  {
    folder: 'ArWeHei__Master_Thesis',
    entry: 'main.tex',
    keys: 84,
    files: 19,
    bibliographies: ['styletransfer', 'brushstrokes', 'painters', 'misc'].map((name) => `bibliographies/${name}.bib`),
  },
  { folder: 'hannahmanuela__slo-sched-writing', entry: 'hotos25/paper.tex', keys: 31, files: 7, bibliographies: ['hotos25/paper.bib'] },
  { folder: 'jonhue__min-sbr', entry: 'paper.tex', keys: 10, files: 1, bibliographies: ['sources.bib'] },
];

for (const document of LATEX_DOCUMENTS) {
  test(`corpus ${document.folder}: ${document.keys} distinct cited keys over the whole project`, needsShared, async () => {
    const folder = path.join(PAPERS, document.folder);
    // The B2 paper inputs one appendix by its repository path: the workspace folder is where TeX also looks.
    const { workspace, ...project } = await projectOf(folder, document.entry);
    assert.equal(project.files.length, document.files);
    assert.equal(project.files[0], path.join(folder, document.entry));
    assert.deepEqual(
      project.bibliographies.map((bibliography) => path.relative(folder, bibliography.path)),
      document.bibliographies,
    );
    const keys = new Set<string>();
    for (const file of project.files) {
      const text = await readText(workspace, file, MAX_CITATION_DOCUMENT_LENGTH);
      assert.ok(text.ok, file);
      for (const citation of findCitations(text.value, 'latex')) keys.add(citation.key);
    }
    assert.equal(keys.size, document.keys);
  });
}

test('corpus ul-dsri: the two generated tables that were never committed are reported where they are input', needsShared, async () => {
  const folder = path.join(PAPERS, 'ul-dsri__benchmarks-benchmark');
  const project = await projectOf(folder, 'latex/B2-technical-outline.tex');
  assert.deepEqual(
    project.problems.map((problem) => problem.message),
    ['threat-registry-table', 'risk-response-table'].map(
      (table) =>
        `Included file not found: latex/tables/${table} (looked for latex/latex/tables/${table}.tex, latex/latex/tables/${table}, latex/tables/${table}.tex, latex/tables/${table}).`,
    ),
  );
});

test('corpus ArWeHei: \\dictcite is not a citation, \\citeauthor* is', needsShared, () => {
  const chapter = (name: string): string => fs.readFileSync(path.join(PAPERS, 'ArWeHei__Master_Thesis', 'chapters', name), 'utf8');
  const introduction = chapter('introduction.tex');
  assert.ok(introduction.includes('\\dictcite{CAD}{picture}'));
  const keys = findCitations(introduction, 'latex').map((citation) => citation.key);
  assert.ok(!keys.includes('CAD') && !keys.includes('picture'));
  const starred = findCitations(chapter('StyleTransfer.tex'), 'latex').filter((citation) => citation.command === 'citeauthor*');
  assert.equal(starred.length, 72);
});

interface MarkdownCase {
  folder: string;
  files: string[] | (() => string[]);
  keys: number;
  bibliographies: string[];
}

/** bookdown merges every .Rmd of the folder in name order; index.Rmd holds the metadata. Read inside the test. */
function mazorChapters(): string[] {
  return fs
    .readdirSync(path.join(PAPERS, 'matanmazor__thesis', 'index'))
    .filter((name) => name.endsWith('.Rmd'))
    .sort()
    .map((name) => `index/${name}`);
}

const MARKDOWN_DOCUMENTS: MarkdownCase[] = [
  { folder: 'geoffreylitt__convivial-paper', files: ['paper.md'], keys: 27, bibliographies: ['references.bib'] },
  { folder: 'LucyMcGowan__writing-quartet', files: ['manuscript.qmd'], keys: 16, bibliographies: ['citations.bib'] },
  { folder: 'Kuan-Liu-Lab__causens', files: ['joss/paper.md'], keys: 8, bibliographies: ['joss/paper.bib'] },
  { folder: 'EleutherAI__elk', files: ['joss/paper.md'], keys: 2, bibliographies: ['joss/paper.bib'] },
  {
    folder: 'matanmazor__thesis',
    files: mazorChapters,
    keys: 237,
    bibliographies: ['intro', 'thesis', 'termination', 'MVS', 'RC', 'fMRI', 'asymmetry', 'discussion'].map((name) => `index/bib/${name}.bib`),
  },
];

for (const document of MARKDOWN_DOCUMENTS) {
  test(`corpus ${document.folder}: ${document.keys} distinct cited keys, nocite included`, needsShared, () => {
    const folder = path.join(PAPERS, document.folder);
    const keys = new Set<string>();
    const bibliographies: string[] = [];
    for (const file of typeof document.files === 'function' ? document.files() : document.files) {
      const absolute = path.join(folder, file);
      const text = fs.readFileSync(absolute, 'utf8');
      for (const citation of findCitations(text, 'markdown')) keys.add(citation.key);
      for (const nocite of yamlNocite(text)) keys.add(nocite.key);
      for (const found of markdownBibliographies(text, absolute).bibliographies) bibliographies.push(path.relative(folder, found.path!));
    }
    assert.equal(keys.size, document.keys);
    assert.deepEqual(bibliographies, document.bibliographies);
  });
}

test('corpus elk: keys with a colon are kept whole', needsShared, () => {
  const text = fs.readFileSync(path.join(PAPERS, 'EleutherAI__elk', 'joss', 'paper.md'), 'utf8');
  assert.deepEqual([...new Set(findCitations(text, 'markdown').map((citation) => citation.key))].sort(), ['author:burns', 'author:elk']);
});

test('corpus convivial: the mailto address is not a citation', needsShared, () => {
  const text = fs.readFileSync(path.join(PAPERS, 'geoffreylitt__convivial-paper', 'paper.md'), 'utf8');
  assert.ok(text.includes('mailto:glitt@mit.edu'));
  const keys = findCitations(text, 'markdown').map((citation) => citation.key);
  assert.ok(!keys.includes('mit.edu'));
});

test('corpus writing-quartet: Quarto cross-references are not citations', needsShared, () => {
  const text = fs.readFileSync(path.join(PAPERS, 'LucyMcGowan__writing-quartet', 'manuscript.qmd'), 'utf8');
  const keys = findCitations(text, 'markdown').map((citation) => citation.key);
  assert.ok(text.includes('@fig-1.') && text.includes('@tbl-2') && text.includes('@eq-col'));
  assert.equal(keys.filter((key) => /^(fig|tbl|eq)-/.test(key)).length, 0);
});

test('corpus matanmazor: the nocite block of the references chapter', needsShared, () => {
  const text = fs.readFileSync(path.join(PAPERS, 'matanmazor__thesis', 'index', '99-references.Rmd'), 'utf8');
  const nocite = yamlNocite(text);
  assert.deepEqual(nocite.map((entry) => entry.key), ['angel2000', 'angel2001', 'angel2002a']);
  assert.equal(text.slice(nocite[0]!.start - 1, nocite[0]!.end), '@angel2000');
});
