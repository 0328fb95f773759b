import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ReferenceSchema, type Reference } from '../../src/core/library/reference';
import { readZoteroDatabase, type ZoteroReadOptions } from '../../src/core/library/zotero';
import { betterBibtexDatabase, sqlJs, zotero4Database, zoteroDatabase, type FixtureItem, type FixtureSpec } from './zoteroFixtures';

const DB = '/zotero/zotero.sqlite';
const BBT = '/zotero/better-bibtex.sqlite';

async function read(spec: FixtureSpec | Uint8Array, options: ZoteroReadOptions & { betterBibtex?: Uint8Array } = {}) {
  const bytes = spec instanceof Uint8Array ? spec : await zoteroDatabase(spec);
  return readZoteroDatabase({ database: { path: DB, bytes }, betterBibtex: options.betterBibtex ? { path: BBT, bytes: options.betterBibtex } : undefined }, options);
}

async function references(items: FixtureItem[], spec: Omit<FixtureSpec, 'items'> = {}): Promise<Map<string, Reference>> {
  const result = await read({ ...spec, items });
  assert.deepEqual(result.errors, []);
  return new Map(result.references.map((reference) => [reference.zotero!.itemKey, reference]));
}

describe('Zotero reader: fields', () => {
  test('a journal article: every field the issue names, creators in order, single-field names whole', async () => {
    const [article] = (
      await references([
        {
          key: 'ART2345A',
          fields: {
            title: 'Causal Reasoning and Large Language Models',
            date: '2023-04-28 April 28, 2023',
            publicationTitle: 'Transactions on Machine Learning Research',
            volume: '12',
            issue: '3',
            pages: '1-42',
            DOI: 'https://doi.org/10.48550/arXiv.2305.00050',
            url: 'https://arxiv.org/abs/2305.00050',
            abstractNote: 'We study causal reasoning.',
          },
          creators: [
            { last: 'Kıcıman', first: 'Emre' },
            { last: 'CALM Consortium', single: true },
            { last: 'Tan', first: 'Chenhao' },
            { last: 'Sharma', first: 'Amit', type: 'editor' },
            { last: 'Doe', first: 'Jane', type: 'translator' },
          ],
          tags: ['causality', 'LLM'],
        },
      ])
    ).values();
    assert.ok(article);
    assert.equal(ReferenceSchema.safeParse(article).success, true);
    assert.equal(article.key, 'kiciman2023causal');
    assert.equal(article.type, 'article');
    assert.equal(article.cslType, 'article-journal');
    assert.equal(article.title, 'Causal Reasoning and Large Language Models');
    assert.deepEqual(article.authors, [
      { family: 'Kıcıman', given: 'Emre' },
      { family: 'CALM Consortium', literal: 'CALM Consortium' },
      { family: 'Tan', given: 'Chenhao' },
    ]);
    assert.deepEqual(article.editors, [{ family: 'Sharma', given: 'Amit' }]);
    assert.equal(article.year, '2023');
    assert.equal(article.venue, 'Transactions on Machine Learning Research');
    assert.equal(article.volume, '12');
    assert.equal(article.pages, '1-42');
    assert.equal(article.doi, '10.48550/arXiv.2305.00050');
    assert.equal(article.arxiv, '2305.00050');
    assert.equal(article.url, 'https://arxiv.org/abs/2305.00050');
    assert.equal(article.abstract, 'We study causal reasoning.');
    assert.deepEqual(article.keywords, ['causality', 'LLM']);
    assert.deepEqual(article.source, { path: DB, line: 1, column: 1 });
    assert.deepEqual(article.zotero, { itemKey: 'ART2345A', itemType: 'journalArticle', libraryId: 1, libraryName: 'My Library', collections: [], keySource: 'generated' });
    // What a BibTeX writer needs, in BibTeX's names and plain Unicode.
    assert.deepEqual(article.fields, {
      title: 'Causal Reasoning and Large Language Models',
      author: 'Kıcıman, Emre and CALM Consortium and Tan, Chenhao',
      editor: 'Sharma, Amit',
      journal: 'Transactions on Machine Learning Research',
      year: '2023',
      date: '2023-04-28',
      volume: '12',
      number: '3',
      pages: '1-42',
      doi: 'https://doi.org/10.48550/arXiv.2305.00050',
      url: 'https://arxiv.org/abs/2305.00050',
      abstract: 'We study causal reasoning.',
      keywords: 'causality, LLM',
    });
  });

  test('type-specific fields are read as their base field (proceedings, book, university, case name)', async () => {
    const refs = await references([
      { key: 'CONF2345', type: 'conferencePaper', fields: { title: 'A paper', proceedingsTitle: 'Proceedings of NeurIPS', conferenceName: 'NeurIPS 2024', date: '2024-00-00 2024' } },
      { key: 'CONF2346', type: 'conferencePaper', fields: { title: 'No proceedings title', conferenceName: 'CLeaR 2024' } },
      { key: 'CHAP2345', type: 'bookSection', fields: { title: 'A chapter', bookTitle: 'A Book' } },
      { key: 'THES2345', type: 'thesis', fields: { title: 'A thesis', university: 'ETH Zürich', thesisType: 'PhD thesis' } },
      { key: 'CASE2345', type: 'case', fields: { caseName: 'Roe v. Wade', dateDecided: '1973-01-22 January 22, 1973' } },
    ]);
    const conference = refs.get('CONF2345')!;
    assert.equal(conference.venue, 'Proceedings of NeurIPS');
    assert.equal(conference.type, 'inproceedings');
    assert.equal(conference.cslType, 'paper-conference');
    assert.equal(conference.fields['booktitle'], 'Proceedings of NeurIPS');
    assert.equal(conference.year, '2024');
    assert.equal(conference.fields['date'], '2024');
    // The container is what Zotero calls one (as its exports do); the conference name is kept for a writer.
    assert.equal(refs.get('CONF2346')!.venue, undefined);
    assert.equal(refs.get('CONF2346')!.fields['eventtitle'], 'CLeaR 2024');
    assert.equal(refs.get('CHAP2345')!.venue, 'A Book');
    assert.equal(refs.get('CHAP2345')!.type, 'incollection');
    const thesis = refs.get('THES2345')!;
    assert.equal(thesis.publisher, 'ETH Zürich');
    assert.equal(thesis.type, 'phdthesis');
    assert.equal(thesis.fields['school'], 'ETH Zürich');
    assert.equal(thesis.fields['type'], 'PhD thesis');
    const legalCase = refs.get('CASE2345')!;
    assert.equal(legalCase.title, 'Roe v. Wade');
    assert.equal(legalCase.year, '1973');
    assert.equal(legalCase.cslType, 'legal_case');
    assert.equal(legalCase.type, 'misc');
  });

  test("authors are the type's primary creators (a program's programmers), not contributors", async () => {
    const refs = await references([
      { key: 'SOFT2345', type: 'computerProgram', fields: { title: 'calm-cite' }, creators: [{ last: 'Lovelace', first: 'Ada', type: 'programmer' }, { last: 'Babbage', first: 'Charles', type: 'contributor' }] },
    ]);
    assert.deepEqual(refs.get('SOFT2345')!.authors, [{ family: 'Lovelace', given: 'Ada' }]);
    assert.equal(refs.get('SOFT2345')!.cslType, 'software');
  });

  test('DOI from a `DOI:` line in Extra when the type has no DOI field; the field wins when both exist', async () => {
    const refs = await references([
      { key: 'BOOK2345', type: 'book', fields: { title: 'A book', extra: 'PMID: 123\nDOI: 10.1000/book.1\nCitation Key: should-not-be-doi' } },
      { key: 'BOTH2345', fields: { title: 'Both', DOI: '10.1000/field', extra: 'DOI: 10.1000/extra' } },
      { key: 'NONE2345', fields: { title: 'None', extra: 'Note: DOI not known' } },
    ]);
    assert.equal(refs.get('BOOK2345')!.doi, '10.1000/book.1');
    assert.equal(refs.get('BOOK2345')!.fields['doi'], '10.1000/book.1');
    assert.equal(refs.get('BOTH2345')!.doi, '10.1000/field');
    assert.equal(refs.get('NONE2345')!.doi, undefined);
  });

  test('dates: the year from the stored SQL part; unknown parts dropped; text Zotero could not read kept out of the year', async () => {
    const refs = await references([
      { key: 'DATE2341', fields: { title: 'Month only', date: '2020-08-00 8/2020' } },
      { key: 'DATE2342', fields: { title: 'Forthcoming', date: '0000-00-00 forthcoming' } },
      { key: 'DATE2343', fields: { title: 'No date' } },
    ]);
    assert.equal(refs.get('DATE2341')!.year, '2020');
    assert.equal(refs.get('DATE2341')!.fields['date'], '2020-08');
    assert.equal(refs.get('DATE2342')!.year, undefined);
    assert.equal(refs.get('DATE2343')!.year, undefined);
  });
});

describe('Zotero reader: which items', () => {
  test('regular items of the user and group libraries; no notes, attachments, annotations, trash or feed items', async () => {
    const result = await read({
      libraries: [
        { id: 1, type: 'user' },
        { id: 2, type: 'group', group: { id: 4711, name: 'CALM Workshop' } },
        { id: 3, type: 'feed' },
      ],
      items: [
        { key: 'USER2345', fields: { title: 'In my library' } },
        { key: 'GRUP2345', library: 2, fields: { title: 'In the group' } },
        { key: 'FEED2345', library: 3, fields: { title: 'From an RSS feed' } },
        { key: 'TRSH2345', fields: { title: 'In the trash' }, trashed: true },
        { key: 'NOTE2345', type: 'note' },
        { key: 'ATTA2345', type: 'attachment', fields: { title: 'Full Text PDF' } },
        { key: 'ANNO2345', type: 'annotation' },
      ],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.references.map((reference) => [reference.zotero!.itemKey, reference.zotero!.libraryName, reference.zotero!.groupId]), [
      ['USER2345', 'My Library', undefined],
      ['GRUP2345', 'CALM Workshop', 4711],
    ]);
    assert.deepEqual(result.libraries, [
      { libraryId: 1, kind: 'user', name: 'My Library', items: 1 },
      { libraryId: 2, kind: 'group', name: 'CALM Workshop', groupId: 4711, items: 1 },
    ]);
    assert.deepEqual(result.schema, { userdata: 125, globalSchema: 42 });
  });

  test('collections as paths from the top; a trashed collection and those under it are left out', async () => {
    const refs = await references(
      [
        { key: 'COLL2345', fields: { title: 'Filed twice' }, collections: [3, 4] },
        { key: 'COLL2346', fields: { title: 'Only in the trash' }, collections: [5, 6] },
      ],
      {
        collections: [
          { id: 1, name: 'Thesis' },
          { id: 2, name: 'Chapter 2', parent: 1 },
          { id: 3, name: 'Causal discovery', parent: 2 },
          { id: 4, name: 'To read' },
          { id: 5, name: 'Old', trashed: true },
          { id: 6, name: 'Under old', parent: 5 },
        ],
      },
    );
    assert.deepEqual(refs.get('COLL2345')!.zotero!.collections, [['Thesis', 'Chapter 2', 'Causal discovery'], ['To read']]);
    assert.deepEqual(refs.get('COLL2346')!.zotero!.collections, []);
  });

  test('a collection table whose parents form a cycle (damaged) ends the walk instead of looping', async () => {
    const refs = await references([{ key: 'LOOP2345', fields: { title: 'Looped' }, collections: [1] }], {
      collections: [
        { id: 1, name: 'A', parent: 2 },
        { id: 2, name: 'B', parent: 1 },
      ],
    });
    assert.deepEqual(refs.get('LOOP2345')!.zotero!.collections, []);
  });
});

describe('Zotero reader: citation keys', () => {
  const sameBase = { fields: { title: 'Causal inference in practice', date: '2021-00-00 2021' }, creators: [{ last: 'Pearl', first: 'Judea' }] };

  test('Zotero 9 citationKey first, then a Citation Key line in Extra, then Better BibTeX, then generated', async () => {
    const betterBibtex = await betterBibtexDatabase([
      { libraryId: 1, itemKey: 'NATI2345', citationKey: 'bbtLosesToNative' },
      { libraryId: 1, itemKey: 'EXTR2345', citationKey: 'bbtLosesToExtra' },
      { libraryId: 1, itemKey: 'BBTK2345', citationKey: 'pearlBookWhy2018' },
    ]);
    const result = await read(
      {
        items: [
          { key: 'NATI2345', fields: { title: 'Native', citationKey: 'native2024', extra: 'Citation Key: extraLosesToNative' } },
          { key: 'EXTR2345', fields: { title: 'Pinned', extra: 'tex.ids: x\ncitation key:  pinned2020  \nCitation Key: second' } },
          { key: 'BBTK2345', fields: { title: 'The Book of Why' } },
          { key: 'GENK2345', ...sameBase },
        ],
      },
      { betterBibtex },
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.references.map((reference) => [reference.key, reference.zotero!.keySource]),
      [
        ['native2024', 'native'],
        ['pinned2020', 'extra'],
        ['pearlBookWhy2018', 'better-bibtex'],
        ['pearl2021causal', 'generated'],
      ],
    );
    assert.deepEqual(result.keySources, { native: 1, extra: 1, 'better-bibtex': 1, generated: 1 });
  });

  test("Better BibTeX's older LokiJS document is read too", async () => {
    const betterBibtex = await betterBibtexDatabase([{ libraryId: 1, itemKey: 'BBTK2345', citationKey: 'legacyKey2019' }], true);
    const result = await read({ items: [{ key: 'BBTK2345', fields: { title: 'Old BBT' } }] }, { betterBibtex });
    assert.equal(result.references[0]!.key, 'legacyKey2019');
  });

  test('a Better BibTeX file that is not a BBT database is a located error; the items are still read', async () => {
    const result = await read({ items: [{ key: 'BBTK2345', ...sameBase }] }, { betterBibtex: new TextEncoder().encode('not a database at all') });
    assert.equal(result.references.length, 1);
    assert.equal(result.references[0]!.zotero!.keySource, 'generated');
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.path, BBT);
    assert.match(result.errors[0]!.message, /Better BibTeX's citation keys could not be read/);
  });

  test('generated keys are unique within a library, by the order items were added, and avoid stated keys', async () => {
    const result = await read({
      libraries: [
        { id: 1, type: 'user' },
        { id: 2, type: 'group', group: { id: 9, name: 'G' } },
      ],
      items: [
        { key: 'LATE2345', ...sameBase, dateAdded: '2024-06-01 10:00:00' },
        { key: 'EARL2345', ...sameBase, dateAdded: '2022-01-01 10:00:00' },
        { key: 'PINN2345', fields: { title: 'Pinned', extra: 'Citation Key: pearl2021causal-2' } },
        { key: 'GRUP2345', ...sameBase, library: 2 },
      ],
    });
    const keyOf = new Map(result.references.map((reference) => [reference.zotero!.itemKey, reference.key]));
    assert.equal(keyOf.get('EARL2345'), 'pearl2021causal');
    assert.equal(keyOf.get('PINN2345'), 'pearl2021causal-2');
    assert.equal(keyOf.get('LATE2345'), 'pearl2021causal-3');
    // Another library is another key space.
    assert.equal(keyOf.get('GRUP2345'), 'pearl2021causal');
  });

  test('adding an item never changes the generated key of one already there', async () => {
    const before = await read({ items: [{ key: 'FRST2345', ...sameBase, dateAdded: '2022-01-01 00:00:00' }] });
    const after = await read({
      items: [
        { key: 'NEWR2345', ...sameBase, dateAdded: '2025-01-01 00:00:00' },
        { key: 'FRST2345', ...sameBase, dateAdded: '2022-01-01 00:00:00' },
      ],
    });
    const keyOf = (result: typeof after, itemKey: string) => result.references.find((reference) => reference.zotero!.itemKey === itemKey)!.key;
    assert.equal(keyOf(before, 'FRST2345'), 'pearl2021causal');
    assert.equal(keyOf(after, 'FRST2345'), 'pearl2021causal');
    assert.equal(keyOf(after, 'NEWR2345'), 'pearl2021causal-2');
  });

  test('an item with no creator, date or title gets `anon`, still unique', async () => {
    const result = await read({ items: [{ key: 'EMPT2345' }, { key: 'EMPT2346' }] });
    assert.deepEqual(result.references.map((reference) => reference.key), ['anon', 'anon-2']);
  });
});

describe('Zotero reader: files it cannot read are located errors, never a crash', () => {
  const located = (result: Awaited<ReturnType<typeof read>>, pattern: RegExp) => {
    assert.deepEqual(result.references, []);
    assert.equal(result.errors.length, 1);
    assert.deepEqual({ ...result.errors[0], message: undefined }, { path: DB, line: 1, column: 1, message: undefined });
    assert.match(result.errors[0]!.message, pattern);
  };

  test('Zotero 4: a clear "not supported" with what to do instead', async () => {
    located(await read(await zotero4Database()), /Zotero 4 database \(userdata version 77\), which CALM Cite does not read\. Open it once in Zotero 5 or later/);
  });

  test('a file that is not SQLite', async () => {
    located(await read(new TextEncoder().encode('@article{a, title={Not a database}}')), /not an SQLite database, so not a Zotero library/);
  });

  test('an SQLite database that is not Zotero\'s', async () => {
    const db = new (await sqlJs()).Database();
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    located(await read(db.export()), /not a Zotero library/);
    db.close();
  });

  test('an `items` view is not taken for the table (a view could run any query, for ever)', async () => {
    const db = new (await sqlJs()).Database();
    db.exec(`CREATE TABLE itemTypesCombined (itemTypeID INT, typeName TEXT);
             CREATE VIEW items AS WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever) SELECT n AS itemID FROM forever`);
    located(await read(db.export()), /not a Zotero library/);
    db.close();
  });

  test('a damaged database (a page overwritten): SQLite\'s integrity check says so', async () => {
    const bytes = await zoteroDatabase({ items: Array.from({ length: 300 }, (_, i) => ({ key: `DMG${String(i).padStart(5, '0')}`, fields: { title: `Item ${i} `.repeat(20) } })) });
    const pageSize = (bytes[16]! << 8) | bytes[17]!;
    const damaged = bytes.slice();
    // Overwrite the middle of the file (b-tree pages of items and their values) with a pattern.
    for (let i = Math.floor(damaged.length / pageSize / 2) * pageSize + 8; i < damaged.length - pageSize; i += 7) damaged[i] = 0x5a;
    const result = await read(damaged);
    assert.deepEqual(result.references, []);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.line, 1);
    assert.match(result.errors[0]!.message, /damaged|malformed/);
    // Flagged, so that a snapshot torn by a write falls back to Zotero's backup.
    assert.equal(result.damaged, true);
    // Positive control: the same database undamaged reads all 300 items.
    assert.equal((await read(bytes)).references.length, 300);
  });

  test('past the size limit: not opened, one error saying how big it is', async () => {
    const bytes = await zoteroDatabase({ items: [{ key: 'SIZE2345', fields: { title: 'x' } }] });
    located(await read(bytes, { maxFileBytes: 1024 }), /file is \d+ KB; CALM Cite reads library files up to 1 KB/);
    assert.equal((await read(bytes, { maxFileBytes: bytes.length })).references.length, 1);
  });

  test('past the item limit: the first items are kept and an error says the rest was not read', async () => {
    const result = await read({ items: Array.from({ length: 5 }, (_, i) => ({ key: `LIM${String(i).padStart(5, '0')}`, fields: { title: `T${i}` } })) }, { maxItems: 3 });
    assert.equal(result.references.length, 3);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!.message, /more than 3 entries; CALM Cite read the first 3/);
  });

  test('random damage anywhere in the file: never a throw, every error located', async () => {
    const bytes = await zoteroDatabase({
      collections: [{ id: 1, name: 'C' }],
      items: Array.from({ length: 40 }, (_, i) => ({ key: `FUZ${String(i).padStart(5, '0')}`, fields: { title: `T${i}`, date: '2020-01-01 2020', extra: `DOI: 10.1/${i}` }, creators: [{ last: `N${i}` }], collections: [1], tags: ['t'] })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 64 }), fc.boolean(), async (edits, truncate) => {
        const mutated = bytes.slice(0, truncate ? Math.max(100, edits[0]![0]) : bytes.length);
        for (const [at, value] of edits) if (at < mutated.length) mutated[at] = value;
        const result = await read(mutated);
        for (const error of result.errors) {
          assert.equal(error.path, DB);
          assert.equal(error.line, 1);
          assert.ok(error.message.length > 0);
        }
        for (const reference of result.references) assert.equal(ReferenceSchema.safeParse(reference).success, true);
      }),
      { seed: 20241215, numRuns: 60 },
    );
  });
});

describe('Zotero reader: growth', () => {
  test('time at 4n items is at most 6x the time at n (linear code gives about 4x)', async () => {
    const library = (n: number) =>
      zoteroDatabase({
        collections: [{ id: 1, name: 'All' }],
        items: Array.from({ length: n }, (_, i) => ({
          key: `G${String(i).padStart(7, '0')}`,
          fields: { title: `Same title ${i % 7}`, date: '2020-01-01 2020', publicationTitle: 'Venue', DOI: `10.1/${i}` },
          creators: [{ last: 'Same', first: 'Author' }, { last: `Author${i}` }],
          collections: [1],
          tags: [`tag${i % 50}`],
        })),
      });
    const [small, large] = [await library(500), await library(2000)];
    // CPU time, and the least of five runs: a shared machine's load only ever adds time.
    const fastest = async (bytes: Uint8Array) => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const before = process.cpuUsage();
        const result = await read(bytes);
        const used = process.cpuUsage(before);
        best = Math.min(best, (used.user + used.system) / 1000);
        assert.equal(result.errors.length, 0);
      }
      return best;
    };
    await fastest(small); // warm the WebAssembly module
    const [n, n4] = [await fastest(small), await fastest(large)];
    console.log(`zotero growth: 500 items ${n.toFixed(0)} ms CPU, 2000 items ${n4.toFixed(0)} ms CPU, ratio ${(n4 / n).toFixed(2)}`);
    assert.ok(n4 / n <= 6, `${n.toFixed(0)} ms at 500 items, ${n4.toFixed(0)} ms at 2000 (ratio ${(n4 / n).toFixed(1)})`);
  });
});
