import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readLibraryText } from '../../src/core/library/formats';
import type { ServiceLog } from '../../src/core/service/types';
import { RequestRefused } from '../../src/core/service/types';
import { createCiteService } from '../../src/core/service/citeService';
import { parseSettings } from '../../src/core/settings';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';
import { applyEdits, BUNDLED, memoryService, positionAt, positionOf } from './serviceFixtures';
import { makeTempDir } from './tempDirs';
import { betterBibtexDatabase, zoteroDatabase, type FixtureItem, type FixtureSpec } from './zoteroFixtures';

/*
 * Issue #15: the user's Zotero library in the editor, through the service over the in-memory workspace
 * (and once over the real disk): offered like the bundled CALM library, never seen by the checks, its
 * entry added to the document's bibliography when cited, re-read when the database changes.
 */

const DATA = '/z';
const DATABASE = '/z/zotero.sqlite';

const PEARL: FixtureItem = {
  key: 'PEARL001',
  type: 'conferencePaper',
  fields: {
    citationKey: 'pearl2019seven',
    title: 'The seven tools of causal inference',
    date: '2019-03-00 3/2019',
    proceedingsTitle: 'Proceedings of the Causal Workshop',
    pages: '54-60',
    DOI: '10.1145/3241036',
    abstractNote: 'Seven tools that a causal reasoner needs, with the ladder of causation.',
  },
  creators: [{ last: 'Pearl', first: 'Judea' }],
  collections: [2],
  tags: ['causality'],
};
const SCHOLKOPF: FixtureItem = {
  key: 'SCHOL002',
  fields: { title: 'Toward causal representation learning', date: '2021', publicationTitle: 'Proceedings of the IEEE', volume: '109', issue: '5', DOI: '10.1109/JPROC.2021.3058954' },
  creators: [{ last: 'Schölkopf', first: 'Bernhard' }, { last: 'Locatello', first: 'Francesco' }],
  collections: [3],
};
const UNFILED: FixtureItem = { key: 'UNFIL003', type: 'book', fields: { title: 'Elements of causal inference', date: '2017', publisher: 'MIT Press' }, creators: [{ last: 'Peters', first: 'Jonas' }] };
const GROUP: FixtureItem = { key: 'GROUP004', library: 2, fields: { title: 'Causal parrots', date: '2023' }, creators: [{ last: 'Zečević', first: 'Matej' }] };

/** My Library: Thesis > Chapter 2 (PEARL), Reading (SCHOLKOPF), UNFILED in none; the group "Lab" has GROUP. */
const LIBRARY: FixtureSpec = {
  libraries: [
    { id: 1, type: 'user' },
    { id: 2, type: 'group', group: { id: 4711, name: 'Lab' } },
  ],
  collections: [
    { id: 1, name: 'Thesis' },
    { id: 2, name: 'Chapter 2', parent: 1 },
    { id: 3, name: 'Reading' },
  ],
  items: [PEARL, SCHOLKOPF, UNFILED, GROUP],
};

const PAPER = '\\documentclass{article}\n\\begin{document}\nAs shown .\n\\bibliography{refs}\n\\end{document}\n';
const REFS = '@misc{mine, title={Mine}}\n';

interface Setup {
  zotero?: Record<string, unknown>;
  spec?: FixtureSpec;
  files?: Record<string, string | Uint8Array>;
  open?: Record<string, string>;
  settings?: Record<string, unknown>;
  log?: ServiceLog;
  live?: boolean;
}

async function zoteroService(setup: Setup = {}) {
  return memoryService({
    files: { [DATABASE]: await zoteroDatabase(setup.spec ?? LIBRARY), '/p/paper.tex': PAPER, '/p/refs.bib': REFS, ...setup.files },
    open: setup.open,
    settings: { '*': { library: { includeBundled: false }, zotero: { enabled: true, dataDirectory: DATA, ...setup.zotero }, ...setup.settings } },
    options: { ...(setup.log ? { log: setup.log } : {}), ...(setup.live ? { liveDiagnostics: { delayMs: 0 } } : {}) },
  });
}

function recordingLog(): ServiceLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(`info ${line}`), warn: (line) => lines.push(`warn ${line}`), error: (line) => lines.push(`error ${line}`) };
}

describe('Zotero in the editor: off unless turned on', () => {
  test('by default nothing of ~/Zotero is opened and no Zotero key is offered; turned on, the default location is read', async () => {
    const home = path.join(os.homedir(), 'Zotero', 'zotero.sqlite');
    const bytes = await zoteroDatabase(LIBRARY);
    const files = { [home]: bytes, '/p/paper.tex': PAPER, '/p/refs.bib': REFS };
    const edited = PAPER.replace('As shown .', 'As shown \\citep{.');
    const at = positionAt(edited, edited.indexOf('{.') + 1);

    const off = memoryService({ files, open: { '/p/paper.tex': edited }, settings: { '*': { library: { includeBundled: false } } } });
    const offered = (await off.service.completion('/p/paper.tex', at))!.items.map((item) => item.key);
    assert.deepEqual(offered, ['mine']);
    assert.ok(!off.workspace.opened.some((file) => file.startsWith(path.dirname(home))), off.workspace.opened.join('\n'));

    // Positive control: the same files with the one setting on.
    const on = memoryService({ files, open: { '/p/paper.tex': edited }, settings: { '*': { library: { includeBundled: false }, zotero: { enabled: true } } } });
    const keys = (await on.service.completion('/p/paper.tex', at))!.items.map((item) => item.key);
    assert.ok(keys.includes('pearl2019seven'), keys.join(', '));
    assert.ok(on.workspace.opened.includes(home));
  });
});

describe('Zotero items offered like the bundled library', () => {
  test('completion offers a Zotero key by author, title or words of it, and accepting it adds the entry', async () => {
    const { service, workspace } = await zoteroService();
    const at = PAPER.indexOf(' .') + 1;
    for (const typed of ['pearl', 'tools', 'schölkopf']) {
      const query = `${PAPER.slice(0, at)}\\citep{${typed}${PAPER.slice(at)}`;
      workspace.setDocument('/p/paper.tex', query);
      const completion = (await service.completion('/p/paper.tex', positionAt(query, at + 7 + typed.length)))!;
      const first = completion.items[0]!;
      assert.equal(first.key, typed === 'schölkopf' ? 'scholkopf2021toward' : 'pearl2019seven', typed);
      assert.equal(first.library, 'zotero');
      assert.equal(first.addsEntry, true);
    }
  });

  test('hover shows the formatted item, its abstract and where it is in Zotero, with a link that opens it there; no definition target', async () => {
    const cited = PAPER.replace('As shown .', 'As shown \\citep{pearl2019seven}.');
    const { service } = await zoteroService({ open: { '/p/paper.tex': cited } });
    const hover = (await service.hover('/p/paper.tex', positionOf(cited, 'pearl2019seven', 3), { zoteroLink: (uri) => `command:show?${uri}` }))!;
    assert.equal(hover.known, true);
    assert.match(hover.markdown, /seven tools of causal inference/i);
    assert.match(hover.markdown, /\*Abstract:\* Seven tools that a causal reasoner needs/);
    assert.match(hover.markdown, /In your Zotero library: My Library, in Thesis › Chapter 2/);
    assert.match(hover.markdown, /\[Show in Zotero\]\(<command:show\?zotero:\/\/select\/library\/items\/PEARL001>\)/);
    assert.deepEqual(await service.definition('/p/paper.tex', positionOf(cited, 'pearl2019seven', 3)), [], 'the database is no place to go to');
    // Without an editor command, the plain zotero:// link.
    assert.match((await service.describe('/p/paper.tex', 'pearl2019seven'))!, /\(<zotero:\/\/select\/library\/items\/PEARL001>\)/);
  });

  test('Insert Citation\'s search finds Zotero items; workspace symbols list only entries written in a file', async () => {
    const { service } = await zoteroService({ open: { '/p/paper.tex': PAPER } });
    assert.deepEqual((await service.search('/p/paper.tex', 'representation learning', 5)).map((result) => result.key), ['scholkopf2021toward']);
    const symbols = await service.searchWorkspace('', 100);
    assert.deepEqual(symbols.map((symbol) => symbol.key), ['mine'], 'the .bib entry is a symbol (positive control); Zotero items are not');
  });

  test('the References view shows the Zotero library by collection, unfiled items last', async () => {
    const { service } = await zoteroService({ zotero: { libraries: ['*'] } });
    const groups = await service.libraryTree('/p/paper.tex');
    const shape = (group: (typeof groups)[number]): unknown => ({ label: group.label, keys: group.entries.map((entry) => entry.reference.key), groups: group.groups.map(shape) });
    assert.deepEqual(groups.map(shape), [
      { label: 'refs.bib', keys: ['mine'], groups: [] },
      {
        label: 'Zotero: My Library',
        keys: [],
        groups: [
          { label: 'Reading', keys: ['scholkopf2021toward'], groups: [] },
          { label: 'Thesis', keys: [], groups: [{ label: 'Chapter 2', keys: ['pearl2019seven'], groups: [] }] },
          { label: 'Unfiled Items', keys: ['peters2017elements'], groups: [] },
        ],
      },
      { label: 'Zotero: Lab', keys: [], groups: [{ label: 'Unfiled Items', keys: ['zecevic2023causal'], groups: [] }] },
    ]);
    assert.equal(groups[0]!.path, '/p/refs.bib');
    assert.equal(groups[1]!.path, undefined, 'no file to open for Zotero');
  });

  test('a Zotero key cannot be renamed here: the refusal says where to change it', async () => {
    const cited = PAPER.replace('As shown .', 'As shown \\citep{pearl2019seven}.');
    const { service } = await zoteroService({ open: { '/p/paper.tex': cited } });
    await assert.rejects(service.prepareRename('/p/paper.tex', positionOf(cited, 'pearl2019seven', 2)), (error: unknown) => error instanceof RequestRefused && /key of your Zotero library.*change it in Zotero/.test(error.message));
    // Positive control: the .bib's own key can be.
    const own = PAPER.replace('As shown .', 'As shown \\citep{mine}.');
    const other = await zoteroService({ open: { '/p/paper.tex': own } });
    assert.equal((await other.service.prepareRename('/p/paper.tex', positionOf(own, 'mine', 1))).placeholder, 'mine');
  });
});

describe('the checks never see Zotero: a key only Zotero has is undefined, with "Add from Zotero"', () => {
  test('cite/undefined-key names Zotero, and its quick fix writes the entry into the paper\'s .bib in BibTeX', async () => {
    const cited = PAPER.replace('As shown .', 'As shown \\citep{scholkopf2021toward, nosuchkey}.');
    const { service, workspace } = await zoteroService({ live: true });
    const updates = new Promise<void>((resolve) => service.onDidUpdateDiagnostics((update) => update.get('/p/paper.tex')?.length && resolve()));
    workspace.setDocument('/p/paper.tex', cited);
    await updates;
    const findings = service.diagnostics('/p/paper.tex');
    assert.deepEqual(findings.map((finding) => finding.rule), ['cite/undefined-key', 'cite/undefined-key']);
    assert.match(findings[0]!.message, /'scholkopf2021toward' is not defined in any library this document uses\. It is in your Zotero library \(My Library\): add the entry to your bibliography\./);
    assert.doesNotMatch(findings[1]!.message, /Zotero/, 'a key Zotero lacks is not said to be there (positive control)');

    const [fix, ...others] = await service.codeActions('/p/paper.tex', { start: positionOf(cited, 'scholkopf'), end: positionOf(cited, 'scholkopf') });
    assert.equal(others.length, 0);
    assert.equal(fix!.title, "Add 'scholkopf2021toward' from Zotero to refs.bib");
    assert.deepEqual(fix!.edits.map((edit) => edit.path), ['/p/refs.bib']);
    const bib = applyEdits(REFS, fix!.edits);
    const entry = readLibraryText('/p/refs.bib', bib).references.find((reference) => reference.key === 'scholkopf2021toward')!;
    assert.equal(entry.type, 'article');
    assert.equal(entry.title, 'Toward causal representation learning');
    assert.deepEqual(entry.authors.map((person) => person.family), ['Schölkopf', 'Locatello']);
    assert.deepEqual([entry.fields.journal, entry.fields.volume, entry.fields.number, entry.doi, entry.year], ['Proceedings of the IEEE', '109', '5', '10.1109/JPROC.2021.3058954', '2021']);

    // Once the .bib has it, the check is satisfied and completion offers the .bib's entry, once, with nothing to add.
    const cleared = new Promise<void>((resolve) => service.onDidUpdateDiagnostics((update) => update.get('/p/paper.tex')?.length === 1 && resolve()));
    workspace.writeFile('/p/refs.bib', bib);
    await cleared;
    assert.deepEqual(service.diagnostics('/p/paper.tex').map((finding) => finding.message.slice(0, 12)), ["'nosuchkey' "]);
    const again = cited.replace('\\end{document}', '\\cite{schol}\n\\end{document}');
    workspace.setDocument('/p/paper.tex', again);
    const items = (await service.completion('/p/paper.tex', positionOf(again, 'schol}', 5)))!.items.filter((item) => item.key === 'scholkopf2021toward');
    assert.deepEqual(items.map((item) => [item.library, item.addsEntry]), [['user', false]]);
    service.dispose();
  });

  test('calm-cite check (no live diagnostics) reports the same, and without Zotero on the message does not name it', async () => {
    const cited = PAPER.replace('As shown .', 'As shown \\citep{pearl2019seven}.');
    const on = await zoteroService({ files: { '/p/paper.tex': cited } });
    const [finding] = (await on.service.checkProject('/p/paper.tex')).findings;
    assert.equal(finding!.rule, 'cite/undefined-key');
    assert.equal(finding!.fix?.kind, 'copy-entry');
    const off = await zoteroService({ files: { '/p/paper.tex': cited }, zotero: { enabled: false } });
    const [plain] = (await off.service.checkProject('/p/paper.tex')).findings;
    assert.doesNotMatch(plain!.message, /Zotero/);
    assert.equal(plain!.fix?.kind, 'replace-key');
  });
});

describe('citing a Zotero key adds its entry in the bibliography\'s own format', () => {
  const markdown = (bibliography: string) => `---\nbibliography: ${bibliography}\n---\n\nAs shown .\n`;

  test('BibTeX (.tex and .md): the entry written from Zotero\'s fields, the key unchanged', async () => {
    const { service } = await zoteroService({ open: { '/p/paper.tex': PAPER } });
    const { edits, notice } = await service.insertCitation('/p/paper.tex', positionOf(PAPER, ' .', 1), 'pearl2019seven');
    assert.equal(notice, undefined);
    assert.deepEqual(edits.map((edit) => edit.path), ['/p/paper.tex', '/p/refs.bib']);
    assert.match(applyEdits(PAPER, [edits[0]!]), /As shown \\citep\{pearl2019seven\}\./);
    const bib = applyEdits(REFS, [edits[1]!]);
    assert.match(bib, /^@misc\{mine, title=\{Mine\}\}\n\n@inproceedings\{pearl2019seven,\n {2}title += \{\{The seven tools of causal inference\}\},/);
    const entry = readLibraryText('/p/refs.bib', bib).references[1]!;
    assert.deepEqual([entry.fields.booktitle, entry.fields.pages, entry.doi, entry.year, entry.abstract], ['Proceedings of the Causal Workshop', '54--60', '10.1145/3241036', '2019', PEARL.fields!.abstractNote]);
    assert.equal(readLibraryText('/p/refs.bib', bib).errors.length, 0);
  });

  test('CSL-JSON and CSL-YAML: a CSL item of Zotero\'s CSL type', async () => {
    for (const [file, empty] of [['/p/refs.json', '[]\n'], ['/p/refs.yaml', 'references:\n- id: mine\n  title: Mine\n']] as const) {
      const text = markdown(path.basename(file));
      const { service } = await zoteroService({ open: { '/p/paper.md': text }, files: { [file]: empty } });
      const { edits } = await service.citeWithEntry('/p/paper.md', { start: positionOf(text, ' .', 1), end: positionOf(text, ' .', 1) }, 'pearl2019seven');
      assert.deepEqual(edits.map((edit) => edit.path), ['/p/paper.md', file]);
      const written = readLibraryText(file, applyEdits(empty, [edits[1]!]));
      assert.equal(written.errors.length, 0, file);
      const item = written.references.find((reference) => reference.key === 'pearl2019seven')!;
      assert.equal(item.type, 'paper-conference', file);
      assert.equal(item.title, 'The seven tools of causal inference');
      assert.equal(item.venue, 'Proceedings of the Causal Workshop');
      assert.equal(item.doi, '10.1145/3241036');
    }
  });

  test('a key the .bib already defines adds nothing; calmCite.library.addEntryOnInsert off adds nothing', async () => {
    const withEntry = `${REFS}@article{pearl2019seven, title={Mine}}\n`;
    const own = await zoteroService({ open: { '/p/paper.tex': PAPER }, files: { '/p/refs.bib': withEntry } });
    assert.deepEqual((await own.service.insertCitation('/p/paper.tex', positionOf(PAPER, ' .', 1), 'pearl2019seven')).edits.map((edit) => edit.path), ['/p/paper.tex']);
    const off = await zoteroService({ open: { '/p/paper.tex': PAPER }, settings: { library: { includeBundled: false, addEntryOnInsert: false } } });
    assert.deepEqual((await off.service.insertCitation('/p/paper.tex', positionOf(PAPER, ' .', 1), 'pearl2019seven')).edits.map((edit) => edit.path), ['/p/paper.tex']);
  });
});

describe('which Zotero items a document is offered', () => {
  const offered = async (zotero: Record<string, unknown>) => {
    const { service } = await zoteroService({ zotero });
    return (await service.search('/p/paper.tex', '', 100)).filter((result) => result.library === 'zotero').map((result) => result.key).sort();
  };

  test('My Library by default; groups by name or id, or every library with *', async () => {
    assert.deepEqual(await offered({}), ['pearl2019seven', 'peters2017elements', 'scholkopf2021toward']);
    assert.deepEqual(await offered({ libraries: ['lab'] }), ['zecevic2023causal']);
    assert.deepEqual(await offered({ libraries: ['4711', 'My Library'] }), ['pearl2019seven', 'peters2017elements', 'scholkopf2021toward', 'zecevic2023causal']);
    assert.deepEqual(await offered({ libraries: ['*'] }), ['pearl2019seven', 'peters2017elements', 'scholkopf2021toward', 'zecevic2023causal']);
  });

  test('collections by name or path, with their subcollections, without case', async () => {
    assert.deepEqual(await offered({ collections: ['Thesis'] }), ['pearl2019seven'], 'Chapter 2 is inside Thesis');
    assert.deepEqual(await offered({ collections: ['thesis/chapter 2'] }), ['pearl2019seven']);
    assert.deepEqual(await offered({ collections: ['Chapter 2', 'Reading'] }), ['pearl2019seven', 'scholkopf2021toward']);
    assert.deepEqual(await offered({ collections: ['Reading/Chapter 2'] }), [], 'a path is from a top collection');
    assert.deepEqual(await offered({ collections: ['No such collection'] }), []);
  });

  test('a key outside the filter is not offered, and the check does not name Zotero for it', async () => {
    const cited = PAPER.replace('As shown .', 'As shown \\citep{scholkopf2021toward}.');
    const { service } = await zoteroService({ files: { '/p/paper.tex': cited }, zotero: { collections: ['Thesis'] } });
    const [finding] = (await service.checkProject('/p/paper.tex')).findings;
    assert.doesNotMatch(finding!.message, /Zotero/);
  });
});

describe('reading the database', () => {
  test('the log says which snapshot was read and how old it is; a change to the database is read again', async () => {
    const log = recordingLog();
    const { service, workspace } = await zoteroService({ log });
    assert.ok((await service.search('/p/paper.tex', 'pearl', 5)).some((result) => result.key === 'pearl2019seven'));
    const read = log.lines.filter((line) => line.includes('Zotero library'));
    assert.equal(read.length, 1, log.lines.join('\n'));
    assert.match(read[0]!, /^info Read \/z\/zotero\.sqlite: Zotero library, 3 in My Library, 1 in Lab; keys: 1 from Zotero, 3 generated; read the database file, saved \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ days ago\)\.$/);

    // Nothing changed: asked again, nothing is read again.
    await service.search('/p/paper.tex', 'pearl', 5);
    assert.equal(log.lines.filter((line) => line.includes('Zotero library')).length, 1);

    workspace.writeFile(DATABASE, await zoteroDatabase({ ...LIBRARY, items: [...LIBRARY.items, { key: 'NEWKEY05', fields: { title: 'Causal abstraction', date: '2024' }, creators: [{ last: 'Geiger', first: 'Atticus' }] }] }));
    assert.deepEqual((await service.search('/p/paper.tex', 'abstraction', 5)).map((result) => result.key), ['geiger2024causal']);
    const reread = log.lines.filter((line) => line.includes('Zotero library'));
    assert.equal(reread.length, 2);
    assert.match(reread[1]!, /4 in My Library.*\(just now\)/);
  });

  test('turned on with no database there: one warning that says which setting to fix; other libraries still work', async () => {
    const log = recordingLog();
    const { service } = await zoteroService({ log, zotero: { dataDirectory: '/nowhere' } });
    assert.deepEqual((await service.search('/p/paper.tex', '', 10)).map((result) => result.key), ['mine']);
    assert.ok(log.lines.some((line) => /^warn Zotero library \/nowhere\/zotero\.sqlite not read: There is no Zotero database at \/nowhere\/zotero\.sqlite\. Set calmCite\.zotero\.dataDirectory/.test(line)), log.lines.join('\n'));
  });

  test('Better BibTeX\'s keys beside the database are used', async () => {
    const { service } = await zoteroService({ files: { '/z/better-bibtex.sqlite': await betterBibtexDatabase([{ libraryId: 1, itemKey: 'UNFIL003', citationKey: 'PetersJanzing2017' }]) } });
    assert.ok((await service.search('/p/paper.tex', 'elements', 5)).some((result) => result.key === 'PetersJanzing2017'));
  });
});

describe('the user\'s Zotero files are never changed', () => {
  test('on disk: every byte and modification time of the data directory is the same after the service has read, hovered, checked and fixed', async () => {
    const root = makeTempDir('calm-cite-zotero-service-');
    const data = path.join(root, 'Zotero');
    const paper = path.join(root, 'paper');
    fs.mkdirSync(data);
    fs.mkdirSync(paper);
    const database = await zoteroDatabase(LIBRARY);
    fs.writeFileSync(path.join(data, 'zotero.sqlite'), database);
    fs.writeFileSync(path.join(data, 'zotero.sqlite.bak'), database);
    fs.writeFileSync(path.join(data, 'better-bibtex.sqlite'), await betterBibtexDatabase([{ libraryId: 1, itemKey: 'UNFIL003', citationKey: 'PetersJanzing2017' }]));
    const past = new Date('2024-05-01T12:00:00Z');
    for (const name of fs.readdirSync(data)) fs.utimesSync(path.join(data, name), past, past);
    const cited = PAPER.replace('As shown .', 'As shown \\citep{pearl2019seven}.');
    fs.writeFileSync(path.join(paper, 'paper.tex'), cited);
    fs.writeFileSync(path.join(paper, 'refs.bib'), REFS);

    const state = () =>
      fs
        .readdirSync(data)
        .sort()
        .map((name) => {
          const stats = fs.statSync(path.join(data, name));
          return `${name} ${stats.size} ${stats.mtimeMs} ${createHash('sha256').update(fs.readFileSync(path.join(data, name))).digest('hex')}`;
        });
    const before = state();

    const settings = parseSettings({ library: { includeBundled: false }, zotero: { enabled: true, dataDirectory: data } }).settings;
    const service = createCiteService(new NodeWorkspace({ folders: [paper], settings: () => settings }), { bundled: BUNDLED });
    const texPath = path.join(paper, 'paper.tex');
    const library = await service.library(texPath);
    assert.ok(library.lookup('pearl2019seven'), 'the database was read (positive control)');
    assert.ok(library.lookup('PetersJanzing2017'), 'and Better BibTeX\'s');
    await service.hover(texPath, positionOf(cited, 'pearl2019seven', 2));
    const check = await service.checkProject(texPath);
    assert.equal(check.findings[0]?.fix?.kind, 'copy-entry');
    await service.insertCitation(texPath, positionOf(cited, ' \\citep', 0), 'scholkopf2021toward');
    await service.libraryTree(texPath);
    service.reload();
    await service.library(texPath);

    assert.deepEqual(state(), before);
    service.dispose();
  });
});
