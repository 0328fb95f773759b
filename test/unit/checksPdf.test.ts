import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PDFDocument, PDFFont, PageSizes, StandardFonts } from 'pdf-lib';
import { checkPdf } from '../../src/core/checks/checkSubmission';
import type { Finding } from '../../src/core/checks/finding';
import { loadRulesPack, RulesPackError, type RulesPack } from '../../src/core/checks/rulesPack';
import { memoryService, nodeService } from './serviceFixtures';
import { needsShared, sharedPath } from './shared';
import { errorsOf, withRule } from './checksHelpers';

const calm = loadRulesPack('calm-2024');
const FOOTER = 'Submitted to NeurIPS 2024 Workshop on Causality and Large Models (CaLM). Do not distribute.';
const LINE = 'The quick brown fox jumps over the lazy dog while the causal model estimates effects.';

interface PageSpec {
  size?: [number, number];
  /** Headings or text lines, set top-down from y=710 at 11 bp leading. */
  lines?: string[];
  fontSize?: number;
  /** Adds "Anonymous Author(s)", the CaLM footer and line numbers like the submission style. */
  submissionMarkers?: boolean;
  extra?: (page: ReturnType<PDFDocument['addPage']>, font: PDFFont) => void;
}

/** A PDF in the style's geometry (text at x=108 between y=710 and 72) with standard, unembedded fonts. */
async function makePdf(pages: PageSpec[], options: { font?: StandardFonts; author?: string } = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  if (options.author) document.setAuthor(options.author);
  const font = await document.embedFont(options.font ?? StandardFonts.TimesRoman);
  for (const spec of pages) {
    const page = document.addPage(spec.size ?? PageSizes.Letter);
    const size = spec.fontSize ?? 10;
    (spec.lines ?? []).forEach((text, index) => {
      const y = 710 - index * 11;
      page.drawText(text, { x: 108, y, size, font });
      if (spec.submissionMarkers) page.drawText(String(index + 1), { x: 91, y, size: 6, font });
    });
    if (spec.submissionMarkers) {
      page.drawText('Anonymous Author(s)', { x: 260, y: 600, size: 10, font });
      page.drawText(FOOTER, { x: 108, y: 52, size: 9, font });
    }
    spec.extra?.(page, font);
  }
  return document.save();
}

function fullPage(count = 56): string[] {
  return Array.from({ length: count }, () => LINE);
}

function rulesOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.rule))].sort();
}

describe('checkPdf on real PDFs', needsShared, () => {
  let beta: Finding[];
  before(async () => {
    if (needsShared.skip) return;
    const bytes = new Uint8Array(fs.readFileSync(sharedPath('corpus', 'papers', '1587causalai__dynamic-beta-alignment', 'neurips_2024.pdf')));
    beta = await checkPdf(bytes, 'beta.pdf', calm);
  });

  it('passes the CaLM template PDF with no finding at all, and so does the submission check on .tex + .pdf', async () => {
    const template = sharedPath('corpus', 'calm-template');
    const report = await nodeService(template).service.checkSubmission({
      path: `${template}/neurips_2024_calm.tex`,
      pdfPath: `${template}/neurips_2024_calm.pdf`,
    });
    assert.deepEqual(errorsOf(report.findings), []);
    assert.deepEqual(report.findings.filter((finding) => finding.file.endsWith('.pdf')), []);
    assert.deepEqual(report.summary, { errors: 0, warnings: 0, infos: 0, pages: 5 });
  });

  it('finds the [final] NeurIPS paper is not a CaLM submission but US Letter with Times body text', needsShared, () => {
    const markers = withRule(beta, 'calm/submission-markers');
    assert.equal(markers.length, 1, 'one cause ([final]), one finding');
    assert.match(markers[0]!.message, /lacks "Anonymous Author\(s\)" as the author block, the footer "Submitted to NeurIPS 2024 Workshop on Causality and Large Models \(CaLM\)\. Do not distribute\." and line numbers in the left margin \(0 found\)/);
    assert.ok(markers.every((finding) => finding.page === 1 && finding.severity === 'error'));
    assert.deepEqual(withRule(beta, 'calm/page-size'), []);
    assert.deepEqual(withRule(beta, 'calm/body-font'), []);
    assert.deepEqual(withRule(beta, 'calm/font-size'), []);
    const emails = withRule(beta, 'calm/pdf-metadata');
    assert.equal(emails.length, 1, 'the camera-ready\'s e-mail addresses on page 1, split by pdf.js into several items, in one finding');
    assert.match(emails[0]!.message, /jkwu0909@gmail\.com, .*bolin\.ding@alibaba-inc\.com, which identify the authors/);
    assert.deepEqual(withRule(beta, 'calm/no-ack-in-submission').map((finding) => finding.page), [10]);
    assert.deepEqual(withRule(beta, 'calm/page-limit').map((finding) => finding.page), [7]);
  });

  it('reports only the matplotlib Type 3 fonts (DejaVu) of the beta-DPO figures, each as a figure font with its pages', needsShared, () => {
    const fonts = withRule(beta, 'calm/fonts-embedded');
    assert.deepEqual(fonts.map((finding) => /^Type 3 font (\S+) sets text/.exec(finding.message)?.[1]).sort(), ['BMQQDV+DejaVuSans', 'BXGEVL+DejaVuSerif', 'EVICAO+DejaVuSans-Bold']);
    assert.ok(fonts.every((finding) => /come from figures: export the figure again/.test(finding.message)));
    assert.match(fonts.find((finding) => finding.message.includes('BMQQDV+DejaVuSans'))!.message, /on pages 2, 7, 9 and 15/);
    assert.deepEqual(fonts.map((finding) => finding.page).sort(), [2, 2, 5]);
  });
});

describe('each PDF rule fires on a generated PDF that breaks it', () => {
  it('calm/page-size, calm/fonts-embedded, calm/body-font, calm/margins, calm/pdf-metadata on an A4 Helvetica page', async () => {
    const bytes = await makePdf(
      [
        { size: PageSizes.A4, lines: ['Contact jane.doe@uni.edu for details.'] },
        // calm/margins leaves pages of the wrong size to calm/page-size: the margin note is on a Letter page.
        { lines: ['Second page.'], extra: (page, font) => page.drawText('margin note', { x: 20, y: 400, size: 10, font }) },
      ],
      { font: StandardFonts.Helvetica, author: 'Jane Doe' },
    );
    const findings = await checkPdf(bytes, 'a4.pdf', calm);
    for (const rule of ['calm/page-size', 'calm/fonts-embedded', 'calm/body-font', 'calm/margins', 'calm/pdf-metadata']) {
      assert.ok(withRule(findings, rule).length > 0, `${rule} should fire`);
    }
    assert.match(withRule(findings, 'calm/page-size')[0]!.message, /A4/);
    assert.match(withRule(findings, 'calm/fonts-embedded')[0]!.message, /Helvetica .*not embedded/);
    assert.match(withRule(findings, 'calm/body-font')[0]!.message, /Helvetica/);
    const margin = withRule(findings, 'calm/margins')[0]!;
    assert.equal(margin.page, 2);
    assert.equal(margin.bbox!.x, 20);
    assert.deepEqual(withRule(findings, 'calm/pdf-metadata').map((finding) => finding.page ?? 0).sort(), [0, 1], '/Author and the e-mail on page 1');
    assert.ok(findings.every((finding) => finding.file === 'a4.pdf'));
  });

  it('calm/page-limit: 8 full pages without References is an error at page 7', async () => {
    const bytes = await makePdf(Array.from({ length: 8 }, () => ({ lines: fullPage() })));
    const limit = withRule(await checkPdf(bytes, 'long.pdf', calm), 'calm/page-limit');
    assert.deepEqual(limit.map((finding) => [finding.severity, finding.page]), [['error', 7]]);
    assert.match(limit[0]!.message, /8 pages/);
  });

  it('calm/page-limit: References at the top of page 7 leave six pages (pass); mid-page they make seven', async () => {
    const six = [...Array.from({ length: 6 }, () => ({ lines: fullPage() })), { lines: ['References', '[1] A. Author. A paper.'] }];
    assert.deepEqual(withRule(await checkPdf(await makePdf(six), 'six.pdf', calm), 'calm/page-limit'), []);
    const seven = [...Array.from({ length: 6 }, () => ({ lines: fullPage() })), { lines: [LINE, 'References', '[1] A. Author.'] }];
    assert.deepEqual(withRule(await checkPdf(await makePdf(seven), 'seven.pdf', calm), 'calm/page-limit').map((finding) => finding.page), [7]);
  });

  it('calm/page-limit: under four pages is a warning; the neurips-2024 pack allows nine', async () => {
    const short = [{ lines: fullPage() }, { lines: fullPage(10).concat(['References']) }];
    const findings = withRule(await checkPdf(await makePdf(short), 'short.pdf', calm), 'calm/page-limit');
    assert.deepEqual(findings.map((finding) => finding.severity), ['warning']);
    const eight = await makePdf(Array.from({ length: 8 }, () => ({ lines: fullPage() })));
    assert.deepEqual(withRule(await checkPdf(eight, 'eight.pdf', loadRulesPack('neurips-2024')), 'calm/page-limit'), []);
  });

  it('calm/font-size: body text at 8 bp', async () => {
    const findings = withRule(await checkPdf(await makePdf([{ lines: fullPage(20), fontSize: 8 }]), 'small.pdf', calm), 'calm/font-size');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /8\.00 bp/);
  });

  it('calm/submission-markers pass on a page with the markers and fire without them', async () => {
    const marked = await checkPdf(await makePdf([{ lines: fullPage(30), submissionMarkers: true }]), 'marked.pdf', calm);
    assert.deepEqual(withRule(marked, 'calm/submission-markers'), []);
    assert.deepEqual(withRule(marked, 'calm/margins'), [], 'line numbers and the footer are allowed outside the text block');
    const plain = await checkPdf(await makePdf([{ lines: fullPage(30) }]), 'plain.pdf', calm);
    assert.equal(withRule(plain, 'calm/submission-markers').length, 1, 'three missing markers, one finding');
  });

  it('calm/no-ack-in-submission: the acknowledgments heading with its page and box', async () => {
    const bytes = await makePdf([{ lines: fullPage(10) }, { lines: [LINE, 'Acknowledgments and Disclosure of Funding', 'We thank our funders.'] }]);
    const findings = withRule(await checkPdf(bytes, 'ack.pdf', calm), 'calm/no-ack-in-submission');
    assert.deepEqual(findings.map((finding) => finding.page), [2]);
    assert.equal(findings[0]!.bbox!.x, 108);
  });

  it('calm/file-size fires over the pack limit', async () => {
    const tiny: RulesPack = { ...calm, rules: { ...calm.rules, 'calm/file-size': { ...calm.rules['calm/file-size']!, params: { maxMegabytes: 0.0001 } } } };
    const findings = withRule(await checkPdf(await makePdf([{ lines: fullPage(5) }]), 'big.pdf', tiny), 'calm/file-size');
    assert.deepEqual(findings.map((finding) => finding.severity), ['warning']);
  });

  it('a corrupt PDF is one calm/pdf-unreadable finding, and a missing one too; nothing throws', async () => {
    const corrupt = await checkPdf(new TextEncoder().encode('%PDF-1.5 this is not a pdf'), 'bad.pdf', calm);
    assert.deepEqual(corrupt.map((finding) => [finding.rule, finding.severity, finding.file]), [['calm/pdf-unreadable', 'error', 'bad.pdf']]);
    // A Markdown paper has no source rules: the PDF is all there is to check.
    const { service } = memoryService({ files: { '/p/paper.md': 'No citations.\n' } });
    const missing = await service.checkSubmission({ path: '/p/paper.md', pdfPath: '/p/nonexistent.pdf' });
    assert.deepEqual(rulesOf(missing.findings), ['calm/pdf-unreadable']);
    assert.match(missing.findings[0]!.message, /\/p\/nonexistent\.pdf does not exist\. No PDF checks ran/);
    assert.equal(missing.summary.errors, 1);
  });
});

describe('loadRulesPack', () => {
  it('loads the shipped packs by id', () => {
    assert.equal(loadRulesPack('calm-2024').rules['calm/page-limit']!.params!.maxPages, 6);
    assert.equal(loadRulesPack('neurips-2024').rules['neurips/checklist']!.severity, 'error');
  });

  it('rejects an invalid pack with the path of the bad field', () => {
    const bad = JSON.stringify({ ...calm, rules: { ...calm.rules, 'calm/margins': { ...calm.rules['calm/margins'], severity: 'fatal' } } });
    assert.throws(() => loadRulesPack(bad), (error: unknown) => error instanceof RulesPackError && /rules\.calm\/margins\.severity/.test(error.message));
    assert.throws(() => loadRulesPack('no-such-pack'), RulesPackError);
    assert.throws(() => loadRulesPack('{not json'), RulesPackError);
  });

  it('honours severity "off" and custom severities from a JSON pack', async () => {
    const custom = loadRulesPack(JSON.stringify({ ...calm, rules: { ...calm.rules, 'calm/page-size': { ...calm.rules['calm/page-size'], severity: 'off' }, 'calm/body-font': { ...calm.rules['calm/body-font'], severity: 'hint' } } }));
    const findings = await checkPdf(await makePdf([{ size: PageSizes.A4, lines: ['x'] }], { font: StandardFonts.Helvetica }), 'x.pdf', custom);
    assert.deepEqual(withRule(findings, 'calm/page-size'), []);
    assert.deepEqual(withRule(findings, 'calm/body-font').map((finding) => finding.severity), ['hint']);
  });
});
