import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import type { Person, Reference } from '../../src/core/library/reference';
import { readZoteroLibrary, type ZoteroLibraryResult } from '../../src/core/library/zotero';
import { workspaceZoteroFiles } from '../../src/core/library/zotero/workspaceFiles';
import { MAX_LIBRARY_FILE_BYTES } from '../../src/core/limits';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';

/** Zotero's files read through the Node workspace, as the CLI and the language server read them. */
const nodeZoteroFiles = workspaceZoteroFiles(new NodeWorkspace({ folders: [] }), MAX_LIBRARY_FILE_BYTES);
import { runCli } from './cliRunner';
import { needsShared, readShared, sharedPath } from './shared';
import { sqlJs } from './zoteroFixtures';

/** Regular items not in the trash, per database (../shared/corpus/zotero/README.md, checked there with SQL). */
const EXPECTED_ITEMS: Record<string, number> = {
  'Chasing-Aurora__Paper': 4,
  'hsteinshiromoto__bibliography': 38,
  'kishkash555__NLP-for-TA': 840,
  'nagatashigueru__ZoteroDataBase': 5,
  'pthemis5__Zotero': 194,
  'tasmimmedha__Enriched_HIDMS': 3,
};
const ZOTERO_4 = 'thiagohonorato__referencias';

const corpusDatabase = (name: string) => sharedPath('corpus', 'zotero', `${name}.sqlite`);

async function readCorpus(name: string): Promise<ZoteroLibraryResult> {
  return readZoteroLibrary(corpusDatabase(name), nodeZoteroFiles);
}

describe('Zotero corpus: calm-cite index', needsShared, () => {
  for (const [name, count] of Object.entries(EXPECTED_ITEMS)) {
    test(`${name}: ${count} items, no error`, async () => {
      const { code, stdout, stderr } = await runCli(['index', corpusDatabase(name), '--format', 'stats']);
      assert.equal(code, 0, stderr);
      const report = JSON.parse(stdout);
      assert.deepEqual(report.errors, []);
      assert.equal(report.entryCount, count);
      assert.equal(report.zotero[0].snapshot.kind, 'database');
      assert.equal(report.zotero[0].libraries.reduce((sum: number, library: { items: number }) => sum + library.items, 0), count);
    });
  }

  test(`${ZOTERO_4} (Zotero 4): no entries, the "not supported" message at 1:1, exit 0 as for any library file whose content cannot be used`, async () => {
    const { code, stdout } = await runCli(['index', corpusDatabase(ZOTERO_4), '--format', 'stats']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.entryCount, 0);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].line, 1);
    assert.equal(report.errors[0].column, 1);
    assert.match(report.errors[0].message, /^This is a Zotero 4 database \(userdata version 77\), which CALM Cite does not read/);
  });

  test('the text report names each item by its zotero:// link and says which file was read', async () => {
    const { code, stdout } = await runCli(['index', corpusDatabase('nagatashigueru__ZoteroDataBase')]);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 5 + 2);
    assert.match(lines[0]!, /\tzotero:\/\/select\/library\/items\/[23456789A-Z]{8}$/);
    assert.match(lines[5]!, /: Zotero library, 5 in My Library; keys: 5 generated; read the database file, saved \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.equal(lines[6], '5 entries, 0 errors');
  });

  test("reading never changes the corpus databases (bytes and modification times)", async () => {
    const files = fs.readdirSync(sharedPath('corpus', 'zotero')).filter((file) => file.endsWith('.sqlite'));
    const fingerprint = () => files.map((file) => {
      const full = sharedPath('corpus', 'zotero', file);
      return `${file} ${fs.statSync(full).mtimeMs} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    });
    const before = fingerprint();
    for (const name of [...Object.keys(EXPECTED_ITEMS), ZOTERO_4]) await readCorpus(name);
    assert.deepEqual(fingerprint(), before);
    assert.deepEqual(fs.readdirSync(sharedPath('corpus', 'zotero')).filter((file) => file.endsWith('.sqlite')), files);
  });
});

describe('Zotero corpus: citation keys', needsShared, () => {
  async function sqlRows(file: string, sql: string): Promise<unknown[][]> {
    const db = new (await sqlJs()).Database(fs.readFileSync(file));
    try {
      return db.exec(sql)[0]?.values ?? [];
    } finally {
      db.close();
    }
  }

  test("pthemis5: all 194 keys from Better BibTeX's database, item by item", async () => {
    const result = await readCorpus('pthemis5__Zotero');
    assert.equal(result.betterBibtex?.path, sharedPath('corpus', 'zotero', 'pthemis5__Zotero.better-bibtex.sqlite'));
    const expected = new Map((await sqlRows(sharedPath('corpus', 'zotero', 'pthemis5__Zotero.better-bibtex.sqlite'), 'SELECT itemKey, citationKey FROM citationkey')) as Array<[string, string]>);
    assert.equal(expected.size, 194);
    assert.deepEqual(result.keySources, { native: 0, extra: 0, 'better-bibtex': 194, generated: 0 });
    for (const reference of result.references) assert.equal(reference.key, expected.get(reference.zotero!.itemKey), reference.zotero!.itemKey);
  });

  test("Chasing-Aurora (Zotero 9): the 4 keys of Zotero's own citationKey field", async () => {
    const result = await readCorpus('Chasing-Aurora__Paper');
    const expected = await sqlRows(
      corpusDatabase('Chasing-Aurora__Paper'),
      `SELECT i.key, v.value FROM items i JOIN itemData d ON d.itemID = i.itemID JOIN fieldsCombined f ON f.fieldID = d.fieldID
        JOIN itemDataValues v ON v.valueID = d.valueID WHERE f.fieldName = 'citationKey' AND i.itemID NOT IN (SELECT itemID FROM deletedItems)`,
    );
    assert.equal(expected.length, 4);
    assert.deepEqual(result.keySources, { native: 4, extra: 0, 'better-bibtex': 0, generated: 0 });
    assert.deepEqual(new Map(result.references.map((reference) => [reference.zotero!.itemKey, reference.key])), new Map(expected as Array<[string, string]>));
  });

  test('hsteinshiromoto: the 12 DOIs kept only as `DOI:` lines in Extra are read', async () => {
    const result = await readCorpus('hsteinshiromoto__bibliography');
    const onlyInExtra = (await sqlRows(
      corpusDatabase('hsteinshiromoto__bibliography'),
      `SELECT i.key, v.value FROM items i JOIN itemData d ON d.itemID = i.itemID JOIN fieldsCombined f ON f.fieldID = d.fieldID
        JOIN itemDataValues v ON v.valueID = d.valueID
       WHERE f.fieldName = 'extra' AND v.value LIKE '%DOI:%'
         AND i.itemID NOT IN (SELECT d2.itemID FROM itemData d2 JOIN fieldsCombined f2 ON f2.fieldID = d2.fieldID WHERE f2.fieldName = 'DOI')`,
    )) as Array<[string, string]>;
    assert.equal(onlyInExtra.length, 12);
    const doiOf = new Map(result.references.map((reference) => [reference.zotero!.itemKey, reference.doi]));
    for (const [itemKey, extra] of onlyInExtra) assert.equal(doiOf.get(itemKey), /^DOI:\s*(\S+)/m.exec(extra)![1], itemKey);
    assert.equal(result.references.filter((reference) => reference.doi).length, 9 + 12);
  });

  test('every generated key is unique within its library', async () => {
    for (const name of Object.keys(EXPECTED_ITEMS)) {
      const result = await readCorpus(name);
      const seen = new Set<string>();
      for (const reference of result.references) {
        const identity = `${reference.zotero!.libraryId}:${reference.key}`;
        assert.ok(!seen.has(identity) || reference.zotero!.keySource !== 'generated', `${name}: ${reference.key} twice`);
        seen.add(identity);
      }
    }
  });
});

/**
 * Zotero's own CSV and CSL-JSON export of the kishkash555 library, made by Zotero from the same commit
 * as the database: every field the reader promises is compared, item by item, for all 840 items.
 */
describe('Zotero corpus: field by field against Zotero\'s own export (840 items)', needsShared, () => {
  test('keys, types, titles, containers, DOIs, URLs, abstracts, years, authors and editors in order', async () => {
    const result = await readCorpus('kishkash555__NLP-for-TA');
    assert.deepEqual(result.errors, []);
    const ours = new Map(result.references.map((reference) => [reference.zotero!.itemKey, reference]));

    const [header, ...rows] = parseCsv(readShared('corpus', 'zotero', 'crosscheck', 'kishkash555__NLP-for-TA.zotero-export.csv').replace(/^\uFEFF/, ''));
    const column = (name: string) => header!.indexOf(name);
    const csv = new Map(rows.filter((row) => row.length === header!.length).map((row) => [row[column('Key')]!, row]));
    assert.equal(csv.size, 840);
    assert.deepEqual([...ours.keys()].sort(), [...csv.keys()].sort(), 'the same 840 Zotero items');

    const csl = new Map((JSON.parse(readShared('corpus', 'zotero', 'crosscheck', 'kishkash555__NLP-for-TA.zotero-export.csl.json')) as CslItem[]).map((item) => [item.id.split('/').pop()!, item]));
    const mismatches: string[] = [];
    const expect = (key: string, what: string, actual: unknown, expected: unknown) => {
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${key} ${what}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    };
    for (const [key, row] of csv) {
      const reference = ours.get(key)!;
      const item = csl.get(key)!;
      const cell = (name: string) => row[column(name)] || undefined;
      expect(key, 'item type', reference.zotero!.itemType, cell('Item Type'));
      expect(key, 'CSL type', reference.cslType, item.type);
      expect(key, 'title', reference.title, cell('Title'));
      expect(key, 'container', reference.venue, cell('Publication Title'));
      // Zotero's export has the DOI field; the reader also reads `DOI:` lines of Extra (for types without the field).
      const doiInExtra = /(?:^|\s)DOI:\s*(\S+)/.exec(cell('Extra') ?? '')?.[1];
      expect(key, 'DOI (CSV)', reference.fields['doi'], cell('DOI') ?? doiInExtra);
      expect(key, 'DOI (CSL)', reference.fields['doi'], item.DOI ?? doiInExtra);
      // The DOI checks compare is the bare one: `https://doi.org/10.1/x` is `10.1/x`.
      expect(key, 'DOI (bare)', reference.doi, reference.fields['doi']?.replace(/^https?:\/\/(dx\.)?doi\.org\//, ''));
      expect(key, 'URL', reference.url, cell('Url'));
      expect(key, 'abstract', reference.abstract, cell('Abstract Note'));
      expect(key, 'year', reference.year, cell('Publication Year'));
      expect(key, 'year (CSL)', reference.year, item.issued?.['date-parts']?.[0]?.[0]?.toString());
      expect(key, 'authors (CSV)', csvNames(reference.authors), cell('Author'));
      expect(key, 'editors (CSV)', csvNames(reference.editors ?? []), cell('Editor'));
      expect(key, 'authors (CSL)', reference.authors.map(cslName), (item.author ?? []).map(cslName));
      expect(key, 'editors (CSL)', (reference.editors ?? []).map(cslName), (item.editor ?? []).map(cslName));
    }
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
    // Positive control: the comparison sees real values, not empty ones on both sides.
    assert.equal([...ours.values()].filter((reference: Reference) => reference.authors.length > 0).length, 823);
    assert.equal([...ours.values()].filter((reference: Reference) => reference.doi).length, 600 + 6);
  });
});

interface CslItem {
  id: string;
  type: string;
  DOI?: string;
  issued?: { 'date-parts'?: Array<Array<string | number>> };
  author?: CslName[];
  editor?: CslName[];
}

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}

/** Zotero's CSV export writes names `Family, Given; Family, Given` (one-field names whole). */
function csvNames(people: Person[]): string | undefined {
  return people.map((person) => (person.literal ?? (person.given ? `${person.family}, ${person.given}` : person.family))).join('; ') || undefined;
}

/** Zotero's CSL export splits particles off (`de Matta` is family `Matta`, particle `de`); put them back. */
function cslName(person: CslName): string {
  if (person.literal) return person.literal;
  const family = [person['non-dropping-particle'], person.family].filter(Boolean).join(' ');
  const given = [person.given, person['dropping-particle']].filter(Boolean).join(' ');
  return `${family}|${given}`;
}

/** RFC 4180: quoted fields may hold commas, newlines and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += char;
  }
  if (field || row.length > 0) endRow();
  return rows;
}
