import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { checkPdf } from '../../src/core/checks/checkSubmission';
import { findEmails } from '../../src/core/checks/emails';
import type { Finding } from '../../src/core/checks/finding';
import { pageList } from '../../src/core/checks/pdf/layout';
import { loadRulesPack } from '../../src/core/checks/rulesPack';
import { displayMathOpenings } from '../../src/core/checks/sourceRules/doubleDollar';
import { calmPaper, checkTex, withRule } from './checksHelpers';
import { memoryService } from './serviceFixtures';

/** The false-alarm classes of issue #14, each with a positive control that the same rule still fires. */

const calm = loadRulesPack('calm-2024');
const BODY = 'The quick brown fox jumps over the lazy dog while the causal model estimates the effects.';

type Draw = (page: PDFPage, font: PDFFont) => void;

/** Letter pages; each `Draw` sets what one page shows. */
async function pdfOf(pages: Draw[], size: [number, number] = [612, 792]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.TimesRoman);
  for (const draw of pages) draw(document.addPage(size), font);
  return document.save();
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

let pagesDrawn = 0;

/**
 * `count` justified body lines from `left` to `right`, 11 bp apart from y=710 down (about 10 pt type).
 * Every line of every page has its own text: the same line at the same place on two pages is a running header.
 */
function bodyLines(count: number, left = 108, right = 504): Draw {
  return (page, font) => {
    const pageWord = WORDS[pagesDrawn++ % WORDS.length];
    for (let i = 0; i < count; i++) {
      const text = `${pageWord} ${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]} ${BODY}`;
      const size = (10 * (right - left)) / font.widthOfTextAtSize(text, 10);
      page.drawText(text, { x: left, y: 710 - i * 11, size, font });
    }
  };
}

/** Text whose right edge is at `right` bp. */
function textEndingAt(text: string, right: number, y: number, size = 10): Draw {
  return (page, font) => page.drawText(text, { x: right - font.widthOfTextAtSize(text, size), y, size, font });
}

function both(...draws: Draw[]): Draw {
  return (page, font) => draws.forEach((draw) => draw(page, font));
}

async function margins(pages: Draw[], size?: [number, number]): Promise<Finding[]> {
  return withRule(await checkPdf(await pdfOf(pages, size), 'paper.pdf', calm), 'calm/margins');
}

describe('calm/margins: what is not text outside the block', () => {
  test('a final "." hanging 3 bp past the block (microtype protrusion) is not flagged; a letter there is', async () => {
    assert.deepEqual(await margins([both(bodyLines(10), textEndingAt('see https://example.org/a.', 509, 500))]), []);
    const letter = await margins([both(bodyLines(10), textEndingAt('see https://example.org/ab', 509, 500))]);
    assert.equal(letter.length, 1);
    assert.equal(letter[0]!.page, 1);
  });

  test('a subscript under a \\sum on the last line is not outside; the same text alone below the block is', async () => {
    const lastLine: Draw = (page, font) => page.drawText('and the sum over all units is', { x: 250, y: 72, size: 10, font });
    const limit: Draw = (page, font) => page.drawText('i=1', { x: 300, y: 66, size: 7, font });
    assert.deepEqual(await margins([both(bodyLines(10), lastLine, limit)]), []);
    // On page 2: page 1's foot holds the venue footer.
    const alone: Draw = (page, font) => page.drawText('i=1', { x: 300, y: 60, size: 7, font });
    assert.deepEqual((await margins([bodyLines(10), both(bodyLines(10), alone)])).map((finding) => finding.page), [2]);
  });

  test('the page number below the block is allowed; a centred "1" on the last line is read as a subscript, not as a page number', async () => {
    const pageNumber: Draw = (page, font) => page.drawText('7', { x: 303.5, y: 42, size: 10, font });
    assert.deepEqual(await margins([both(bodyLines(10), pageNumber)]), []);
  });

  test('a changed page geometry is one finding that lists its pages; a wide table on one page is that page\'s finding', async () => {
    const wide = await margins([bodyLines(40, 72, 540), bodyLines(40, 72, 540), bodyLines(40, 72, 540)]);
    assert.equal(wide.length, 1);
    assert.match(wide[0]!.message, /^The body text on pages 1-3 sits at 72-54[01] bp across the page .* the page geometry was changed/);
    const table = both(bodyLines(10), ...[0, 1, 2, 3, 4, 5].map((row) => textEndingAt('A table row wider than the text block of this page', 560, 400 - row * 11)));
    const oneWide = await margins([bodyLines(40), table, bodyLines(40)]);
    assert.deepEqual(oneWide.map((finding) => finding.page), [2]);
    assert.match(oneWide[0]!.message, /^6 pieces of text on page 2 lie outside the text block/);
  });

  test('a running header on every page is one finding that lists the pages', async () => {
    const header = (n: number): Draw => (page, font) => page.drawText(`Course report, page ${n}`, { x: 108, y: 750, size: 9, font });
    const findings = await margins([1, 2, 3, 4].map((n) => both(bodyLines(10), header(n))));
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^"Course report, page 1" is printed outside the text block .* on pages 1-4, as a running header/);
  });

  test('pages of the wrong size are left to calm/page-size, which reports them once', async () => {
    const findings = await checkPdf(await pdfOf([bodyLines(10), bodyLines(10)], [595.28, 841.89]), 'a4.pdf', calm);
    assert.deepEqual(withRule(findings, 'calm/margins'), []);
    assert.deepEqual(withRule(findings, 'calm/page-size').map((finding) => finding.message.split(',')[0]), ['Every page is 595x842 bp (A4)']);
  });
});

describe('calm/page-limit: front matter does not end the main text', () => {
  const line = (text: string, y: number): Draw => (page, font) => page.drawText(text, { x: 108, y, size: 10, font });
  const full = bodyLines(55);
  const thesis = (numbered: boolean) => [
    both(line('Abstract', 700), bodyLines(20)),
    both(line('Acknowledgements', 700), line('We thank our supervisors.', 680)),
    both(line('Contents', 700), line('1 Introduction 4', 680), line('References 9', 669)),
    both(line(numbered ? '1 Introduction' : 'Introduction', 715), bodyLines(50)),
    full,
    full,
    full,
    full,
    both(line('References', 715), line('[1] A. Author. A paper.', 700)),
  ];

  test('a thesis with acknowledgements (page 2) and contents (page 3) before "1 Introduction": the main text ends at the references', async () => {
    const findings = withRule(await checkPdf(await pdfOf(thesis(true)), 'thesis.pdf', calm), 'calm/page-limit');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^The main text runs to 8 pages \(the references\/acknowledgments start on page 9\)/);
  });

  test('positive control: without a numbered section the first heading still ends it, as aclpubcheck measures', async () => {
    const findings = withRule(await checkPdf(await pdfOf(thesis(false)), 'thesis.pdf', calm), 'calm/page-limit');
    assert.match(findings[0]!.message, /^The main text is 1 page \(the references\/acknowledgments start on page 2\)/);
  });
});

describe('calm/pdf-metadata: e-mails on the page\'s joined text', () => {
  test('grouped addresses split by pdf.js into several items are found, each named', async () => {
    const split: Draw = (page, font) => {
      page.drawText('{ganlin.song,', { x: 200, y: 600, size: 9, font });
      page.drawText('ruitu.xu,', { x: 255, y: 600, size: 9, font });
      page.drawText('john.lafferty}@yale.edu', { x: 292, y: 600, size: 9, font });
    };
    const findings = withRule(await checkPdf(await pdfOf([both(bodyLines(5), split)]), 'p.pdf', calm), 'calm/pdf-metadata');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /ganlin\.song@yale\.edu, ruitu\.xu@yale\.edu, john\.lafferty@yale\.edu, which identify the authors/);
  });

  test('findEmails: plain, grouped and escaped-brace forms; nothing in a long run of letters, in one pass', () => {
    assert.deepEqual(findEmails('mail a.b@c.org.').map((email) => email.addresses), [['a.b@c.org']]);
    assert.deepEqual(findEmails('\\{ada, charles\\}@example.org').map((email) => email.addresses), [['ada@example.org', 'charles@example.org']]);
    assert.deepEqual(findEmails(`${'a'.repeat(200_000)}@`), []);
    assert.deepEqual(findEmails('x@y and user@host.c'), []);
  });

  test('an /Author saying "Anonymous" names no one; a name does', async () => {
    const anonymous = await PDFDocument.create();
    anonymous.setAuthor('Anonymous NeurIPS submission');
    anonymous.addPage([612, 792]);
    assert.deepEqual(withRule(await checkPdf(await anonymous.save(), 'a.pdf', calm), 'calm/pdf-metadata'), []);
    anonymous.setAuthor('Ada Lovelace');
    assert.equal(withRule(await checkPdf(await anonymous.save(), 'a.pdf', calm), 'calm/pdf-metadata').length, 1);
  });
});

describe('source rules: false alarms and misses of the same kind', () => {
  async function check(body: string, preamble = '', styleLine?: string) {
    return checkTex(calmPaper(body, preamble, styleLine));
  }

  test('$a$$b$ is two inline formulas; $$ opening a display is flagged once', async () => {
    assert.deepEqual(displayMathOpenings('shift $\\Delta$$\\to$$\\Delta\'$ here'), []);
    assert.deepEqual(displayMathOpenings('$$x$$ and $a$ then $$y$$').length, 2);
    assert.deepEqual(withRule(await check('Two: $\\Delta$$\\to$.'), 'calm/no-double-dollar'), []);
    assert.equal(withRule(await check('Display:\n$$ x = 1 $$\n'), 'calm/no-double-dollar').length, 1);
  });

  test('a comment-only line is not text: blank, comment, blank is one paragraph break', async () => {
    const abstract = (inside: string) => `\\documentclass{article}\n\\usepackage{neurips_2024_calm}\n\\begin{document}\n\\begin{abstract}\n${inside}\n\\end{abstract}\n\\end{document}\n`;
    const run = async (inside: string) => {
      return withRule(await checkTex(abstract(inside)), 'calm/abstract-one-paragraph');
    };
    assert.deepEqual(await run('First part.\n% a note\nsame paragraph.'), []);
    const two = await run('First paragraph.\n\n% a note between\n\nSecond paragraph.');
    assert.match(two[0]!.message, /^The abstract has 2 paragraphs/);
  });

  test('leftover notes not spelled TODO: TBD, XXX, [INSERT REFERENCE], coloured notes in capitals', async () => {
    const notes = await check(
      [
        'The effect is TBD.',
        'Accuracy was XXX percent.',
        'As shown in [INSERT REFERENCE], it holds.',
        '\\textcolor{red}{CHECK THIS NUMBER} is 0.93.',
        '{\\color{blue} FIX THE TABLE} here.',
        '% XXX in a comment is not printed',
        'Best: \\textcolor{red}{\\textbf{0.93}} and \\textcolor{blue}{our method}.',
      ].join('\n'),
    );
    assert.deepEqual(
      withRule(notes, 'calm/leftover-todo').map((finding) => /^Leftover (.*) will be printed/.exec(finding.message)?.[1]),
      ['TBD', 'XXX', '[INSERT REFERENCE]', '\\textcolor{red}{CHECK THIS NUMBER}', '{\\color{blue} FIX THE TABLE}'],
    );
  });

  test('negative \\vspace and \\vskip are layout hacks (warnings); positive space is not', async () => {
    const findings = withRule(await check('A\n\\vspace{-2mm}\nB\n\\vspace*{-1ex}\nC\n\\vskip -2pt\nD\n\\vspace{3mm}\nE'), 'calm/no-layout-hacks');
    assert.deepEqual(findings.map((finding) => [finding.severity, finding.message.split(' removes')[0]]), [
      ['warning', 'Negative \\vspace'],
      ['warning', 'Negative \\vspace*'],
      ['warning', 'Negative \\vskip'],
    ]);
  });

  test('\\section*{Acknowledgments} is quoted as written', async () => {
    const [finding] = withRule(await check('\\section*{Acknowledgments}\nThanks.'), 'calm/ack-environment');
    assert.match(finding!.message, /^"\\section\*\{Acknowledgments\}" prints acknowledgments/);
  });

  test('the style loaded in both branches of a conditional does not assert [preprint]; a single [preprint] load does', async () => {
    const conditional = '\\ifdefined\\public\n\\usepackage[preprint]{neurips_2024_calm}\n\\else\n\\usepackage{neurips_2024_calm}\n\\fi';
    const both = await check('Text.', '', conditional);
    assert.deepEqual(withRule(both, 'calm/submission-mode'), []);
    assert.equal(withRule(both, 'calm/style-package').length, 0);
    assert.equal(withRule(await check('Text.', '', '\\usepackage[preprint]{neurips_2024_calm}'), 'calm/submission-mode').length, 1);
  });
});

test('pageList shortens runs of pages', () => {
  assert.deepEqual([[1], [1, 3], [1, 2, 3], [1, 3, 4, 5, 8], [2, 7, 9, 15]].map(pageList), ['1', '1 and 3', '1-3', '1, 3-5 and 8', '2, 7, 9 and 15']);
});

describe('citations as the one LaTeX reader reads them', () => {
  async function unusedAndCited(files: Record<string, string>) {
    const { service } = memoryService({ folders: ['/paper'], files: Object.fromEntries(Object.entries(files).map(([name, text]) => [`/paper/${name}`, text])) });
    return (await service.checkSubmission({ path: '/paper/paper.tex' })).findings.map((finding) => finding.rule);
  }

  test('a commented-out %\\nocite{*} does not silence cite/unused-entry', async () => {
    const rules = await unusedAndCited({
      'paper.tex': '\\documentclass{article}\n\\begin{document}\nSee \\cite{a}.\n%\\nocite{*}\n\\bibliography{refs}\n\\end{document}\n',
      'refs.bib': '@misc{a, title={A}}\n@misc{unused, title={U}}\n',
    });
    assert.ok(rules.includes('cite/unused-entry'));
  });

  test('a file \\input after \\end{document} is not read: its citations are not counted', async () => {
    const rules = await unusedAndCited({
      'paper.tex': '\\documentclass{article}\n\\begin{document}\nText.\n\\bibliography{refs}\n\\end{document}\n\\input{late}\n',
      'late.tex': 'See \\cite{a}.\n',
      'refs.bib': '@misc{a, title={A}}\n',
    });
    assert.ok(rules.includes('cite/unused-entry'));
  });
});
