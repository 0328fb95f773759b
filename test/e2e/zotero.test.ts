import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { zoteroDatabase } from '../unit/zoteroFixtures';
import { startEditor, type Editor } from './editor';
import { applyCodeAction, clearLine, goTo, hoverText, lastBibKey, openFile, suggestions, type, undefinedKeyProblems, waitForProblem, waitForVisible } from './workbench';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'calm-paper');
/** The sample's deliberate warning, which shows once the paper's diagnostics are live. */
const PREPRINT_WARNING = /'kiciman2023causal' cites a preprint that has a peer-reviewed version/;

/**
 * Issue #15's "done when": the sample paper in a real VS Code with a small Zotero library (built here from
 * SQL into a temporary data directory, outside the workspace) and only the two settings a user sets.
 */
describe('a Zotero library, live, in the sample paper', () => {
  let editor: Editor;
  let dataDirectory: string;

  before(async () => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-e2e-zotero-'));
    fs.writeFileSync(
      path.join(dataDirectory, 'zotero.sqlite'),
      await zoteroDatabase({
        collections: [{ id: 1, name: 'Potential outcomes' }],
        items: [
          {
            key: 'IMBENS01',
            type: 'book',
            fields: { title: 'Causal Inference for Statistics, Social, and Biomedical Sciences', date: '2015', publisher: 'Cambridge University Press', abstractNote: 'An introduction to the potential outcomes framework.' },
            creators: [{ last: 'Imbens', first: 'Guido W.' }, { last: 'Rubin', first: 'Donald B.' }],
            collections: [1],
          },
          {
            key: 'SHIMIZU2',
            fields: { title: 'A linear non-Gaussian acyclic model for causal discovery', date: '2006', publicationTitle: 'Journal of Machine Learning Research', volume: '7', pages: '2003-2030', extra: 'Citation Key: shimizu2006lingam' },
            creators: [{ last: 'Shimizu', first: 'Shohei' }, { last: 'Hoyer', first: 'Patrik O.' }],
          },
        ],
      }),
    );
    editor = await startEditor({
      files: {
        'paper.tex': { copyFrom: path.join(EXAMPLE, 'paper.tex') },
        'references.bib': { copyFrom: path.join(EXAMPLE, 'references.bib') },
      },
      settings: { 'calmCite.zotero.enabled': true, 'calmCite.zotero.dataDirectory': dataDirectory },
    });
  });

  after(async () => {
    await editor?.close();
    if (dataDirectory) fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  test('typing \\citep{ offers a Zotero key; accepting it lands the key in the paper and its entry in references.bib, and the Problems panel stays clean', async () => {
    const { page } = editor;
    // The paper is open and checked (its deliberate warning shows) before anything is typed.
    await openFile(page, 'paper.tex');
    await waitForProblem(page, PREPRINT_WARNING);
    await openFile(page, 'paper.tex');
    await goTo(page, 31, 1);
    await type(page, 'Potential outcomes \\citep{imbens');
    const labels = await suggestions(page, { until: (current) => current[0] === 'imbens2015causal' });
    assert.equal(labels[0], 'imbens2015causal', labels.join(', '));
    await page.keyboard.press('Enter');
    await waitForVisible(page, /^Potential outcomes \\citep\{imbens2015causal\}?$/);
    assert.equal(await lastBibKey(page, 'imbens2015causal'), 'imbens2015causal');
    assert.deepEqual(await undefinedKeyProblems(page, 'paper.tex', PREPRINT_WARNING), []);
  });

  test('a Zotero key typed by hand is undefined (BibTeX would not find it), its hover is Zotero\'s item, and "Add from Zotero" fixes it', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    // A new line after the first test's citation, above the sample's comment.
    await goTo(page, 31, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await type(page, 'LiNGAM \\citep{shimizu2006lingam}');
    await page.keyboard.press('Escape');
    await waitForProblem(page, /'shimizu2006lingam' is not defined.*It is in your Zotero library/);
    await openFile(page, 'paper.tex');
    await goTo(page, 32, 20);
    // Its hover is Zotero's item: the reference and where it is in Zotero.
    const hover = await hoverText(page, /In your Zotero library/);
    assert.match(hover, /Shimizu, S\., & Hoyer, P\. O\. \(2006\)\. A linear non-Gaussian acyclic model for causal discovery/);
    assert.match(hover, /In your Zotero library: My Library · Show in Zotero/);
    await page.keyboard.press('Escape');
    await applyCodeAction(page, "Add 'shimizu2006lingam' from Zotero to references.bib");
    await waitForProblem(page, /'shimizu2006lingam' is not defined/, { present: false });
    assert.equal(await lastBibKey(page, 'shimizu2006lingam'), 'shimizu2006lingam');
    await openFile(page, 'paper.tex');
    await goTo(page, 32, 1);
    await clearLine(page);
  });
});
