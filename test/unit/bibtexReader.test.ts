import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReferenceSchema } from '../../src/core/library/reference';
import { readBibtex } from '../../src/core/library/bibtex';

const BUNDLED = path.resolve(__dirname, '..', '..', 'media', 'library', 'calm2024-references.bib');

test('bundled CALM library: 30 entries, decoded names, custom fields, schema-valid', () => {
  const result = readBibtex(fs.readFileSync(BUNDLED, 'utf8'), BUNDLED, { library: 'bundled' });
  assert.deepEqual(result.errors, []);
  assert.equal(result.references.length, 30);
  for (const reference of result.references) {
    ReferenceSchema.parse(reference);
    assert.equal(reference.library, 'bundled');
  }
  const zecevic = result.references.find((r) => r.key === 'zecevic2023causal')!;
  assert.deepEqual(zecevic.authors[0], { family: 'Zečević', given: 'Matej' });
  assert.match(zecevic.publishedVersion!, /Transactions on Machine Learning Research/);
  assert.ok(zecevic.keywords.includes('calm:in'));
  assert.equal(zecevic.arxiv, '2308.13067');
  assert.equal(zecevic.doi, '10.48550/arXiv.2308.13067');
  assert.deepEqual(zecevic.source, { path: BUNDLED, line: 140, column: 1 });
  const kiciman = result.references.find((r) => r.key === 'kiciman2023causal')!;
  assert.equal(kiciman.authors[0]!.family, 'Kıcıman');
  assert.match(kiciman.publishedVersion!, /TMLR|Transactions on Machine Learning Research/);
  assert.ok(kiciman.keywords.includes('calm:in'));
  assert.equal(kiciman.arxiv, '2305.00050');
  const anwar = result.references.find((r) => r.key === 'anwar2024foundational')!;
  assert.ok(anwar.authors.some((a) => a.family === 'Ó hÉigeartaigh' && a.given === 'Seán'));
  const yang = result.references.find((r) => r.key === 'yang2024critical')!;
  assert.equal(yang.venue, 'AAAI 2024 Workshop on “Are Large Language Models Simply Causal Parrots?”');
});

test('entries in braces and parentheses, any case, @string with # concatenation, bare numbers, month macros', () => {
  const text = `
@STRING{ acl = "Association for " # {Computational} # " Linguistics" }
@string(proc = "Proceedings of the " # acl)
@preamble{ "\\newcommand{\\noopsort}[1]{}" }
@comment{ @article{hidden, title = {not an entry}} }
Stray comment text, even with an e-mail: someone@example.org.
@InProceedings{a:b-c+d.e/f,
  Title = {First}, BookTitle = proc, YEAR = 2020, month = SEP,
}
@article(paren,
  title = "Quoted {with "inner" quotes} title",
  journal = jmlr, year = {20} # {21}
)
`;
  const result = readBibtex(text, 'mem.bib');
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.references.map((r) => r.key), ['a:b-c+d.e/f', 'paren']);
  const [first, second] = result.references;
  assert.equal(first!.type, 'inproceedings');
  assert.equal(first!.venue, 'Proceedings of the Association for Computational Linguistics');
  assert.equal(first!.fields.year, '2020');
  assert.equal(first!.fields.month, 'September');
  assert.deepEqual(first!.source, { path: 'mem.bib', line: 7, column: 1 });
  assert.equal(second!.title, 'Quoted with "inner" quotes title');
  assert.equal(second!.venue, 'jmlr', 'an undefined macro keeps its name');
  assert.equal(second!.year, '2021');
  assert.deepEqual([...result.macros.keys()], ['acl', 'proc']);
});

test('macros from a sibling file resolve, and this file\'s own definitions win', () => {
  const sibling = new Map([['jmlr', 'Journal of Machine Learning Research'], ['acl', 'sibling ACL']]);
  const text = '@string{acl = "own ACL"}\n@article{x, journal = jmlr, publisher = acl}\n';
  const [reference] = readBibtex(text, 'x.bib', { macros: sibling }).references;
  assert.equal(reference!.venue, 'Journal of Machine Learning Research');
  assert.equal(reference!.publisher, 'own ACL');
});

test('BibLaTeX fields and identifiers: date, journaltitle, eprint, arXiv DOI and URL, doi prefix, keywords', () => {
  const text = `
@article{bl, date = {2021-05-03}, journaltitle = {J. {\\"U}ber}, eprint = {2305.00050v2}, eprinttype = {arxiv},
  doi = {https://doi.org/10.1000/X\\_1}, keywords = {calm:in; causal discovery, LLM}}
@misc{viadoi, doi = {10.48550/arXiv.2403.09606}}
@misc{viaurl, url = {https://arxiv.org/pdf/2404.05545v1.pdf}}
@misc{prefix, eprint = {arXiv:1706.03762}, archivePrefix = {arXiv}, publishedversion = {NeurIPS 2017}}
`;
  const refs = readBibtex(text, 'b.bib').references;
  const [bl, viaDoi, viaUrl, prefix] = refs;
  assert.equal(bl!.year, '2021');
  assert.equal(bl!.venue, 'J. Über');
  assert.equal(bl!.arxiv, '2305.00050');
  assert.equal(bl!.doi, '10.1000/X_1');
  assert.deepEqual(bl!.keywords, ['calm:in', 'causal discovery', 'LLM']);
  assert.equal(viaDoi!.arxiv, '2403.09606');
  assert.equal(viaUrl!.arxiv, '2404.05545');
  assert.equal(prefix!.arxiv, '1706.03762');
  assert.equal(prefix!.publishedVersion, 'NeurIPS 2017');
  for (const reference of refs) ReferenceSchema.parse(reference);
});
