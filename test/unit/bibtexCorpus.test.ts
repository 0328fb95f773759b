import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ReferenceSchema } from '../../src/core/library/reference';
import type { Reference } from '../../src/core/library/reference';
import { readBibtex, resolveCrossrefs } from '../../src/core/library/bibtex';
import { needsShared, readShared, sharedPath } from './shared';

/** Data entries per file, from ../shared/corpus/bib/README.md (cross-checked there against two other parsers). */
const EXPECTED_ENTRIES: Record<string, number> = {
  'aibasel_abbrv.bib': 0,
  'aibasel_crossref.bib': 393,
  'aibasel_literatur.bib': 2286,
  'biblatex-examples.bib': 92,
  'bvitamins_neurips2020.bib': 1898,
  'bvitamins_prl2011.bib': 3455,
  'contextlab_cdl.bib': 6315,
  'dastersociety_zotero_biblatex.bib': 238,
  'el3ssar_zotero.bib': 680,
  'iridia_abbrev.bib': 0,
  'iridia_articles.bib': 1509,
  'iridia_authors.bib': 0,
  'iridia_biblio.bib': 1367,
  'iridia_crossref.bib': 429,
  'iridia_journals.bib': 0,
  'jgrey4296_aaai2023.bib': 2022,
  'latex-biblio_dblp.bib': 296,
  'plume_bibstring-master.bib': 0,
  'plume_crossrefs.bib': 916,
  'plume_ernst.bib': 316,
  'thammegowda_anthology.bib': 233,
};

/** @string definitions per file, from the same README. */
const EXPECTED_MACROS: Record<string, number> = {
  'aibasel_abbrv.bib': 29,
  'iridia_abbrev.bib': 403,
  'iridia_authors.bib': 958,
  'iridia_journals.bib': 355,
  'biblatex-examples.bib': 8,
};

const INVALID_ON_PURPOSE = 'plume_bibstring-master.bib';

function read(file: string, macros?: ReadonlyMap<string, string>) {
  return readBibtex(readShared('corpus', 'bib', file), file, macros === undefined ? {} : { macros });
}

test('the corpus folder holds exactly the files of the expectations table', needsShared, () => {
  const files = fs.readdirSync(sharedPath('corpus', 'bib')).filter((f) => f.endsWith('.bib')).sort();
  assert.deepEqual(files, Object.keys(EXPECTED_ENTRIES).sort());
});

for (const [file, count] of Object.entries(EXPECTED_ENTRIES)) {
  test(`${file}: ${count} entries${file === INVALID_ON_PURPOSE ? ', located errors' : ', no errors'}`, needsShared, () => {
    const result = read(file);
    assert.equal(result.references.length, count);
    if (file === INVALID_ON_PURPOSE) return;
    assert.deepEqual(result.errors, []);
    if (EXPECTED_MACROS[file] !== undefined) assert.equal(result.macros.size, EXPECTED_MACROS[file]);
  });
}

test('plume_bibstring-master.bib (@string{X = "long" = "short"}) gives located errors and no crash', needsShared, () => {
  const result = read(INVALID_ON_PURPOSE);
  assert.ok(result.errors.length > 50, `only ${result.errors.length} errors`);
  const first = result.errors[0]!;
  assert.deepEqual({ line: first.line, column: first.column }, { line: 23, column: 41 });
  assert.match(first.message, /@string 'ACMCS': expected '}' after the value, found '='/);
  assert.ok(!result.macros.has('acmcs'), 'a broken definition must not define the macro');
});

test('iridia_abbrev.bib: the unbalanced "(" in a quoted @string value is legal and used by later macros', needsShared, () => {
  const { macros } = read('iridia_abbrev.bib');
  assert.equal(macros.get('cec'), ' Congress on Evolutionary Computation (CEC');
  assert.match(macros.get('cec99')!, /1999 Congress on Evolutionary Computation \(CEC'99\)$/);
});

test('bvitamins_neurips2020.bib: the abstract with an unclosed $ decodes without losing the entry', needsShared, () => {
  const result = read('bvitamins_neurips2020.bib');
  const withDollar = result.references.filter((r) => (r.fields.abstract ?? '').split('$').length % 2 === 0);
  assert.ok(withDollar.length >= 1);
  for (const reference of withDollar) assert.ok(reference.abstract !== undefined && reference.abstract.length > 20);
});

test('a sample of references from every corpus file satisfies ReferenceSchema', needsShared, () => {
  for (const file of Object.keys(EXPECTED_ENTRIES)) {
    const { references } = read(file);
    const step = Math.max(1, Math.floor(references.length / 25));
    for (let i = 0; i < references.length; i += step) {
      assert.doesNotThrow(() => ReferenceSchema.parse(references[i]), `${file} ${references[i]!.key}`);
    }
  }
});

test('biblatex-examples.bib: date= gives the year, journaltitle= the venue, @string macros resolve', needsShared, () => {
  const { references } = read('biblatex-examples.bib');
  const angenendt = references.find((r) => r.key === 'angenendt')!;
  assert.equal(angenendt.type, 'article');
  assert.equal(angenendt.year, '2002');
  assert.equal(angenendt.venue, "Revue d'Histoire Ecclésiastique");
  assert.equal(angenendt.title, 'In Honore Salvatoris – Vom Sinn und Unsinn der Patrozinienkunde');
  assert.equal(angenendt.pages, '431–456, 791–823');
  assert.deepEqual(angenendt.source, { path: 'biblatex-examples.bib', line: 52, column: 1 });
});

test('biblatex-examples.bib: crossref to a @collection gives booktitle from its title, editor, year, publisher', needsShared, () => {
  const { references } = resolveCrossrefs(read('biblatex-examples.bib').references);
  const space = references.find((r) => r.key === 'westfahl:space')!;
  assert.equal(space.title, 'The True Frontier');
  assert.equal(space.fields.booktitle, 'Space and Beyond');
  assert.equal(space.venue, 'Space and Beyond');
  assert.equal(space.year, '2000');
  assert.equal(space.publisher, 'Greenwood');
  assert.deepEqual(space.editors, [{ family: 'Westfahl', given: 'Gary' }]);
  assert.match(space.fields.subtitle!, /^Confronting and Avoiding/, 'own subtitle kept, not the parent\'s');
});

function readSet(macroFiles: string[], dataFiles: string[]): Reference[] {
  const macros = new Map<string, string>();
  for (const file of macroFiles) for (const [name, value] of read(file, macros).macros) macros.set(name, value);
  const references: Reference[] = [];
  for (const file of dataFiles) {
    const result = read(file, macros);
    assert.deepEqual(result.errors, [], file);
    references.push(...result.references);
  }
  return resolveCrossrefs(references).references;
}

test('iridia set: macros from abbrev/journals/authors, crossref targets from crossref.bib', needsShared, () => {
  const references = readSet(['iridia_abbrev.bib', 'iridia_journals.bib', 'iridia_authors.bib'], ['iridia_biblio.bib', 'iridia_crossref.bib']);
  const annealing = references.find((r) => r.key === 'AarKorMic2005')!;
  assert.deepEqual(annealing.authors.map((a) => a.family), ['Aarts', 'Korst', 'Michiels'], 'author macros joined with #and#');
  assert.equal(annealing.fields.booktitle, 'Search Methodologies');
  assert.equal(annealing.venue, 'Search Methodologies');
  assert.equal(annealing.year, '2005');
  assert.equal(annealing.publisher, 'Springer');
  assert.deepEqual(annealing.editors?.map((e) => e.family), ['Burke', 'Kendall']);
  assert.equal(annealing.title, 'Simulated Annealing', 'the parent\'s title is not inherited as the title');
  const pde = references.find((r) => r.key === 'Abb2002selfpde')!;
  assert.equal(pde.venue, "Proceedings of the 2002 Congress on Evolutionary Computation (CEC'02)");
  assert.equal(pde.year, '2002');
  const withCrossref = references.filter((r) => r.fields.crossref !== undefined);
  assert.equal(withCrossref.length, 847);
  const resolved = withCrossref.filter((r) => r.fields.booktitle !== undefined || r.fields.journal !== undefined);
  assert.ok(resolved.length > 800, `only ${resolved.length} of 847 crossrefs resolved`);
});

test('aibasel set: crossref to @proceedings in another file fills booktitle and year', needsShared, () => {
  const references = readSet(['aibasel_abbrv.bib'], ['aibasel_literatur.bib', 'aibasel_crossref.bib']);
  const abbe = references.find((r) => r.key === 'abbe-et-al-neurips2024')!;
  assert.equal(abbe.venue, 'Proceedings of the Thirty-Eighth Annual Conference on Neural Information Processing Systems (NeurIPS 2024)');
  assert.equal(abbe.year, '2024');
  assert.equal(abbe.fields.crossref, 'neurips2024');
  assert.equal(abbe.source.line, 68);
});

test('resolveCrossrefs is idempotent, keeps the identity of what inherits nothing, and never changes the references it reads', needsShared, () => {
  const references = readSet(['aibasel_abbrv.bib'], ['aibasel_literatur.bib', 'aibasel_crossref.bib']);
  const abbe = references.find((r) => r.key === 'abbe-et-al-neurips2024')!;
  const before = JSON.stringify(references);
  const again = resolveCrossrefs(references);
  assert.equal(JSON.stringify(again.references), before);
  assert.deepEqual(again.problems, []);
  assert.equal(JSON.stringify(references), before);
  assert.equal(again.references.find((r) => r.key === 'abbe-et-al-neurips2024'), abbe);
  // The entries as read: the child has not inherited, so the file result can serve a library without its parent.
  const asRead = read('aibasel_literatur.bib', read('aibasel_abbrv.bib').macros).references.find((r) => r.key === 'abbe-et-al-neurips2024')!;
  assert.equal(asRead.year, undefined);
  assert.notEqual(asRead, abbe);
});
