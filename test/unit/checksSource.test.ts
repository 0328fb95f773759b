import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { loadRulesPack } from '../../src/core/checks/rulesPack';
import { maskLatex } from '../../src/core/latex/mask';
import { DocumentUnreadableError } from '../../src/core/service/submission';
import { memoryService, nodeService } from './serviceFixtures';
import { needsShared, sharedPath } from './shared';
import { calmPaper, checkTex, errorsOf, sourceFindings, withRule } from './checksHelpers';

const calm = loadRulesPack('calm-2024');

/** Checks a root .tex of ../shared with its paper's folder as the workspace folder. */
async function checkShared(folder: string[], root: string) {
  const { service } = nodeService(sharedPath(...folder));
  return sourceFindings(await service.checkSubmission({ path: sharedPath(...folder, root) }));
}

/** The text files of a paper's folder (sources, styles, bibliographies), by absolute path, to check a changed copy in memory. */
function sourcesIn(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.(tex|bib|sty|cls|bst)$/i.test(entry.name)) files[file] = fs.readFileSync(file, 'utf8');
  }
  return files;
}

describe('maskLatex', () => {
  it('blanks comments, \\iffalse blocks, verbatim and \\verb but keeps offsets and line breaks', () => {
    const text = 'a % $$ x\n\\iffalse\n\\todo{no}\n\\fi b \\verb+$$+ \\% c\n\\begin{verbatim}\n$$\n\\end{verbatim}\nd';
    const clean = maskLatex(text);
    assert.equal(clean.length, text.length);
    assert.deepEqual(clean.split('\n').length, text.split('\n').length);
    assert.ok(!clean.includes('$$'));
    assert.ok(!clean.includes('todo'));
    assert.ok(clean.includes('\\% c'), 'an escaped percent is text, not a comment');
    assert.equal(clean.indexOf('d', clean.length - 1), text.length - 1);
  });

  it('blanks everything after \\end{document}, keeping its line breaks', () => {
    const after = '\\input{after} $$y$$';
    const clean = maskLatex(`a \\cite{x}\n\\end{document}\n${after}\r\nz`);
    assert.equal(clean, `a \\cite{x}\n\\end{document}\n${' '.repeat(after.length)}\r\n `);
  });
});

describe('the submission rules on the CaLM template and corpus papers', needsShared, () => {
  it('passes the workshop template with no error and no warning', async () => {
    const findings = await checkShared(['corpus', 'calm-template'], 'neurips_2024_calm.tex');
    assert.deepEqual(errorsOf(findings), []);
    assert.deepEqual(findings.filter((finding) => finding.severity === 'warning'), []);
    // \author holds the template's example author (David S. Hippocampus), which names no one: no note either.
    assert.deepEqual(findings, []);
  });

  it('finds no anonymity problem in an anonymous neurips_2024 submission', async () => {
    const findings = await checkShared(['corpus', 'papers', 'jinensetpal__contrastive-optimization'], 'paper/main.tex');
    assert.deepEqual(withRule(findings, 'calm/anonymity').filter((finding) => finding.severity !== 'info'), []);
    assert.deepEqual(withRule(findings, 'calm/submission-mode'), []);
    assert.deepEqual(errorsOf(findings), []);
    assert.equal(withRule(findings, 'calm/style-package')[0]?.severity, 'warning', 'plain neurips_2024 is tolerated with a warning');
    assert.equal(withRule(findings, 'calm/vertical-rules').length, 8);
  });

  it('flags [final] papers for calm/submission-mode, also through global class options', async () => {
    const final = await checkShared(['corpus', 'papers', 'andykitchen__neuroai-workshop-2024'], 'submission.tex');
    assert.deepEqual(withRule(final, 'calm/submission-mode').map((finding) => [finding.severity, finding.line]), [['error', 10]]);
    const global = await checkShared(['corpus', 'papers', 'sam-laing__bias_correction_paper'], 'neurips_2025.tex');
    const mode = withRule(global, 'calm/submission-mode');
    assert.equal(mode.length, 1);
    assert.equal(mode[0]!.line, 1);
    assert.match(mode[0]!.message, /\\documentclass/);
    assert.deepEqual(withRule(global, 'calm/style-package').map((finding) => finding.severity), ['error']);
    assert.deepEqual(withRule(global, 'calm/leftover-todo'), [], '\\todo inside \\newcommand is a definition, not a leftover');
  });

  it('follows \\input into chapters and reports $$ and vertical rules there (beta-DPO paper)', async () => {
    const findings = await checkShared(['corpus', 'papers', '1587causalai__dynamic-beta-alignment'], 'neurips_2024.tex');
    const dollars = withRule(findings, 'calm/no-double-dollar');
    assert.equal(dollars.length, 1);
    assert.equal(path.basename(dollars[0]!.file), '4_work.tex');
    assert.equal(dollars[0]!.line, 63);
    assert.equal(withRule(findings, 'calm/vertical-rules').length, 3);
    assert.deepEqual(withRule(findings, 'calm/source-unreadable'), []);
  });

  it('reports the beta-DPO code URL as identifying once the paper is in submission mode', async () => {
    // The paper's sources in memory, its root switched to submission mode.
    const folder = sharedPath('corpus', 'papers', '1587causalai__dynamic-beta-alignment');
    const root = path.join(folder, 'neurips_2024.tex');
    const files = sourcesIn(folder);
    assert.ok(files[root]!.includes('\\usepackage[final]{neurips_2024}'));
    files[root] = files[root]!.replace('\\usepackage[final]{neurips_2024}', '\\usepackage{neurips_2024}');
    const { service } = memoryService({ folders: [folder], files });
    const findings = sourceFindings(await service.checkSubmission({ path: root }));
    const urls = withRule(findings, 'calm/anonymity').filter((finding) => finding.message.includes('junkangwu'));
    assert.equal(urls.length, 2, 'abstract and checklist both link the authors\' repository');
    assert.ok(urls.every((finding) => finding.severity === 'warning'));
  });

  it('reports a leftover "Figure TODO" in typeset text but not TODOs in comments', async () => {
    const typeset = await checkShared(['corpus', 'papers', 'ul-dsri__benchmarks-benchmark'], 'latex/B2-technical-outline.tex');
    assert.ok(withRule(typeset, 'calm/leftover-todo').some((finding) => finding.line === 388));
    const commented = await checkShared(['corpus', 'papers', 'SzJS__LASR_2_Paper'], 'main.tex');
    const todos = withRule(commented, 'calm/leftover-todo');
    assert.deepEqual(todos.map((finding) => [path.basename(finding.file), finding.line]), [['preliminaries.tex', 35]]);
  });
});

describe('each source rule fires on a document that breaks it', () => {
  it('calm/style-package: no style, and another year', async () => {
    const none = await checkTex(calmPaper('Text.', '', ''));
    assert.deepEqual(withRule(none, 'calm/style-package').map((finding) => finding.severity), ['error']);
    const other = await checkTex(calmPaper('Text.', '', '\\usepackage{neurips_2023}'));
    assert.match(withRule(other, 'calm/style-package')[0]!.message, /neurips_2023/);
  });

  it('calm/submission-mode: [preprint]', async () => {
    const findings = await checkTex(calmPaper('Text.', '', '\\usepackage[preprint]{neurips_2024_calm}'));
    assert.deepEqual(withRule(findings, 'calm/submission-mode').map((finding) => finding.line), [2]);
  });

  it('calm/style-unmodified: a changed .sty beside the root; the official bytes pass', async () => {
    const changed = await checkTex(calmPaper('Text.'), { 'neurips_2024_calm.sty': '% tweaked\n' });
    const finding = withRule(changed, 'calm/style-unmodified');
    assert.equal(finding.length, 1);
    assert.equal(path.basename(finding[0]!.file), 'neurips_2024_calm.sty');
    const official = { ...calm, rules: { ...calm.rules, 'calm/style-unmodified': { ...calm.rules['calm/style-unmodified']!, params: { file: 'neurips_2024_calm.sty', sha256: createHash('sha256').update('same\n').digest('hex') } } } };
    assert.deepEqual(withRule(await checkTex(calmPaper('Text.'), { 'neurips_2024_calm.sty': 'same\n' }, official), 'calm/style-unmodified'), []);
  });

  it('calm/no-layout-hacks: geometry, \\setlength{\\textheight}, \\linespread', async () => {
    const findings = await checkTex(calmPaper('Text.', '\\usepackage[margin=1in]{geometry}\n\\setlength{\\textheight}{10in}\n\\linespread{0.9}'));
    assert.deepEqual(withRule(findings, 'calm/no-layout-hacks').map((finding) => finding.line), [3, 4, 5]);
  });

  it('calm/class-options: 11pt and a4paper', async () => {
    const findings = await checkTex(calmPaper('Text.', '', undefined, '\\documentclass[11pt,a4paper]{article}'));
    assert.match(withRule(findings, 'calm/class-options')[0]!.message, /11pt,a4paper/);
  });

  it('calm/ack-environment: an Acknowledgments section outside ack; inside ack it is fine', async () => {
    const outside = await checkTex(calmPaper('\\section*{Acknowledgments}\nWe thank.'));
    assert.equal(withRule(outside, 'calm/ack-environment').length, 1);
    const inside = await checkTex(calmPaper('\\begin{ack}\n\\section*{Acknowledgments}\nWe thank.\n\\end{ack}'));
    assert.deepEqual(withRule(inside, 'calm/ack-environment'), []);
  });

  it('calm/no-double-dollar: once per display, not for \\$\\$ or comments', async () => {
    const findings = await checkTex(calmPaper('$$x$$ and \\$\\$ % $$y$$\n$$z$$'));
    assert.equal(withRule(findings, 'calm/no-double-dollar').length, 2);
  });

  it('calm/anonymity: first-person self-citation, our GitHub URL, \\thanks in the title, e-mail in text', async () => {
    const body = [
      'As in our previous work \\cite{me2023}, we extend it.',
      'We previously showed this.',
      'Our code is available at \\url{https://github.com/janedoe/project}.',
      'We build on \\url{https://github.com/pytorch/pytorch}.',
      'Contact jane@uni.edu.',
      'In the previous work of Jones et al. [4] this was shown.',
    ].join('\n');
    const findings = withRule(await checkTex(calmPaper(body).replace('\\title{A Title}', '\\title{A Title\\thanks{Funded by X}}')), 'calm/anonymity');
    assert.deepEqual(findings.map((finding) => finding.line).sort((a, b) => a! - b!), [4, 11, 12, 13, 15]);
    assert.ok(findings.every((finding) => finding.severity === 'warning'));
    const published = await checkTex(calmPaper(body, '', '\\usepackage[final]{neurips_2024_calm}'));
    assert.deepEqual(withRule(published, 'calm/anonymity'), [], 'the camera-ready may name its authors');
  });

  it('calm/leftover-todo: \\todo and \\answerTODO', async () => {
    const findings = await checkTex(calmPaper('\\todo{fix}\n\\answerTODO{}'));
    assert.equal(withRule(findings, 'calm/leftover-todo').length, 2);
  });

  it('calm/vertical-rules: | in tabular and tabularx specs, not in booktabs tables', async () => {
    const findings = await checkTex(calmPaper('\\begin{tabular}{l|l}a&b\\end{tabular}\n\\begin{tabularx}{\\linewidth}{|X|}a\\end{tabularx}\n\\begin{tabular}[t]{ll}a&b\\end{tabular}'));
    assert.deepEqual(withRule(findings, 'calm/vertical-rules').map((finding) => [finding.severity, finding.line]), [['info', 11], ['info', 12]]);
  });

  it('calm/figure-width: wider than \\linewidth or 6in; 0.8\\linewidth passes', async () => {
    const findings = await checkTex(calmPaper('\\includegraphics[width=1.2\\linewidth]{a}\n\\includegraphics[width=6in]{b}\n\\includegraphics[width=0.8\\linewidth]{c}'));
    assert.deepEqual(withRule(findings, 'calm/figure-width').map((finding) => finding.line), [11, 12]);
  });

  it('calm/abstract-one-paragraph: a blank line splits the abstract, a comment line does not', async () => {
    const twoParagraphs = calmPaper('').replace('One paragraph.', 'First.\n\nSecond.');
    assert.equal(withRule(await checkTex(twoParagraphs), 'calm/abstract-one-paragraph').length, 1);
    const commented = calmPaper('').replace('One paragraph.', 'First.\n% note\nStill first.');
    assert.deepEqual(withRule(await checkTex(commented), 'calm/abstract-one-paragraph'), []);
  });

  it('neurips/checklist runs only in the neurips-2024 pack', async () => {
    const tex = calmPaper('Text.', '', '\\usepackage{neurips_2024}');
    assert.equal(withRule(await checkTex(tex, {}, 'neurips-2024'), 'neurips/checklist').length, 1);
    assert.deepEqual(withRule(await checkTex(tex, {}, 'calm-2024'), 'neurips/checklist'), []);
    const withChecklist = calmPaper('\\section*{NeurIPS Paper Checklist}', '', '\\usepackage{neurips_2024}');
    const findings = await checkTex(withChecklist, {}, 'neurips-2024');
    assert.deepEqual(withRule(findings, 'neurips/checklist'), []);
    assert.deepEqual(withRule(findings, 'calm/style-package'), [], 'neurips_2024 is the main-track style');
  });

  it('a missing \\input file is a warning; a missing root is the one error that stops the check, with a plain message', async () => {
    const findings = await checkTex(calmPaper('\\input{sections/missing}'));
    assert.deepEqual(withRule(findings, 'calm/source-unreadable').map((finding) => [finding.severity, finding.line]), [['warning', 11]]);
    assert.match(withRule(findings, 'calm/source-unreadable')[0]!.message, /Included file not found: sections\/missing/);
    const { service } = memoryService({ folders: ['/paper'] });
    await assert.rejects(
      service.checkSubmission({ path: '/paper/main.tex' }),
      (error: unknown) => error instanceof DocumentUnreadableError && error.message === '/paper/main.tex does not exist.',
    );
  });
});

describe('source rules on hostile input (issue #13)', () => {
  it('a 100 KB run of letters is searched for e-mails and URLs once, and real addresses are still found', async () => {
    const started = performance.now();
    const findings = await checkTex(calmPaper(`${'a'.repeat(100_000)} write to jane.doe@example.org or see https://janedoe.github.io`));
    assert.ok(performance.now() - started < 5000);
    assert.deepEqual(withRule(findings, 'calm/anonymity').filter((finding) => /e-mail/.test(finding.message)).map((finding) => finding.column), [100_011]);
  });

  it('40,000 unclosed \\thanks{ and \\begin{abstract}: each is reported once, in linear time', async () => {
    const started = performance.now();
    const findings = await checkTex(calmPaper(`${'\\thanks{x\n'.repeat(40_000)}${'\\begin{abstract}\n\n'.repeat(1000)}`));
    assert.ok(performance.now() - started < 10_000, `${performance.now() - started} ms`);
    assert.equal(withRule(findings, 'calm/anonymity').filter((finding) => /\\thanks/.test(finding.message)).length, 40_000);
  });

  it('masking a file with a comment on every line keeps its length and line breaks, without an array of its characters', () => {
    const text = 'text %comment\r\n'.repeat(100_000);
    const clean = maskLatex(text);
    assert.equal(clean.length, text.length);
    assert.equal(clean, 'text         \r\n'.repeat(100_000));
    assert.equal(maskLatex('no comment'), 'no comment');
  });
});
