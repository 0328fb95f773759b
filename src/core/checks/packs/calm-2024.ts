import type { RulesPack } from '../rulesPack';

const FORMATTING = 'https://calm-workshop-2024.github.io/formatting-instructions/';
const CALL_FOR_PAPERS = 'https://calm-workshop-2024.github.io/call-for-papers/';
const STYLE_FILES = 'https://calm-workshop-2024.github.io/style_files/neurips_2024_calm.zip';
const OPENREVIEW_DEFAULTS = 'https://docs.openreview.net/reference/default-forms/default-submission-form';

/**
 * The NeurIPS 2024 Workshop on Causality and Large Models (CaLM) rules, S1..S12 from the .tex and
 * P13..P22 from the PDF (see shared/docs/calm-2024-rules.md). The numbers are the style's own
 * (US Letter, 5.5in x 9in text block at 1.5in/1in) and the workshop's 4-6 page range. Each rule
 * states its stage: the anonymous submission, the camera-ready ([final], authors, the workshop footer,
 * acknowledgments allowed), or both; the page limit is the same at both (the workshop set no other).
 */
export const CALM_2024_PACK: RulesPack = {
  id: 'calm-2024',
  title: 'NeurIPS 2024 Workshop on Causality and Large Models (CaLM)',
  source: CALL_FOR_PAPERS,
  rules: {
    'calm/source-unreadable': { title: 'Source files can be read', severity: 'warning', stage: 'both', source: FORMATTING },
    'calm/style-package': {
      title: 'Loads the neurips_2024_calm style',
      severity: 'error',
      stage: 'both',
      source: FORMATTING,
      params: { package: 'neurips_2024_calm', acceptedWithWarning: ['neurips_2024'] },
    },
    'calm/submission-mode': { title: 'No [final] or [preprint] option at submission', severity: 'error', stage: 'submission', source: STYLE_FILES },
    'calm/final-mode': { title: 'The camera-ready uses the [final] option', severity: 'error', stage: 'camera-ready', source: STYLE_FILES },
    'calm/authors': { title: 'The camera-ready names the authors and their affiliations', severity: 'error', stage: 'camera-ready', source: FORMATTING },
    'calm/style-unmodified': {
      title: 'The style file is the official one',
      severity: 'error',
      stage: 'both',
      source: STYLE_FILES,
      params: { file: 'neurips_2024_calm.sty', sha256: '7488aec22b5f2019747909bb162fb2762ee86dd389bc2107bc924cc19398ec4a' },
    },
    'calm/no-layout-hacks': { title: 'No margin, spacing or font-size changes', severity: 'error', stage: 'both', source: STYLE_FILES },
    'calm/class-options': { title: 'No 11pt/12pt, twocolumn or a4paper class options', severity: 'warning', stage: 'both', source: STYLE_FILES },
    'calm/ack-environment': { title: 'Acknowledgments only in the ack environment', severity: 'error', stage: 'submission', source: STYLE_FILES },
    'calm/no-double-dollar': { title: 'No $$ display math', severity: 'warning', stage: 'both', source: STYLE_FILES },
    'calm/anonymity': { title: 'Nothing identifies the authors', severity: 'warning', stage: 'submission', source: CALL_FOR_PAPERS },
    'calm/leftover-todo': { title: 'No leftover TODO notes', severity: 'warning', stage: 'both', source: STYLE_FILES },
    'calm/vertical-rules': { title: 'Tables without vertical rules', severity: 'info', stage: 'both', source: STYLE_FILES },
    'calm/figure-width': {
      title: 'Figures fit the line width',
      severity: 'warning',
      stage: 'both',
      source: STYLE_FILES,
      params: { lineWidthPt: 397.48 },
    },
    'calm/abstract-one-paragraph': { title: 'The abstract is one paragraph', severity: 'warning', stage: 'both', source: STYLE_FILES },
    'calm/pdf-unreadable': { title: 'The PDF can be read', severity: 'error', stage: 'both', source: FORMATTING },
    /** CALM Cite's own limit (src/core/limits.ts), not a workshop rule: past it the last pages go unchecked. */
    'calm/pdf-too-many-pages': { title: 'The PDF is short enough to check every page', severity: 'warning', stage: 'both', source: FORMATTING },
    'calm/page-size': {
      title: 'Every page is US Letter',
      severity: 'error',
      stage: 'both',
      source: STYLE_FILES,
      params: { width: 612, height: 792, tolerance: 1 },
    },
    'calm/page-limit': {
      title: 'At most six pages of main text',
      severity: 'error',
      stage: 'both',
      source: CALL_FOR_PAPERS,
      params: { maxPages: 6, minPages: 4 },
    },
    'calm/fonts-embedded': { title: 'All fonts embedded, no Type 3', severity: 'error', stage: 'both', source: STYLE_FILES },
    'calm/body-font': { title: 'Times body font', severity: 'error', stage: 'both', source: STYLE_FILES, params: { minShare: 0.35 } },
    'calm/font-size': { title: 'Body text at 10 pt', severity: 'error', stage: 'both', source: STYLE_FILES, params: { minBodySize: 9.5, maxBodySize: 10.5 } },
    'calm/margins': {
      title: 'Nothing outside the text block',
      severity: 'error',
      stage: 'both',
      source: STYLE_FILES,
      params: { left: 108, right: 504, bottom: 72, top: 720, tolerance: 2 },
    },
    'calm/submission-markers': {
      title: 'The PDF is the anonymous submission version',
      severity: 'error',
      stage: 'submission',
      source: STYLE_FILES,
      params: {
        anonymousAuthor: 'Anonymous Author(s)',
        footer: 'Submitted to NeurIPS 2024 Workshop on Causality and Large Models (CaLM). Do not distribute.',
        minLineNumbers: 10,
      },
    },
    'calm/camera-ready-markers': {
      title: 'The PDF is the camera-ready version',
      severity: 'error',
      stage: 'camera-ready',
      source: STYLE_FILES,
      params: {
        anonymousAuthor: 'Anonymous Author(s)',
        footer: 'NeurIPS 2024 Workshop on Causality and Large Models (CaLM).',
        maxLineNumbers: 2,
      },
    },
    'calm/no-ack-in-submission': { title: 'No acknowledgments in the submission', severity: 'error', stage: 'submission', source: STYLE_FILES },
    'calm/pdf-metadata': { title: 'No author names in PDF metadata or e-mails on page 1', severity: 'warning', stage: 'submission', source: CALL_FOR_PAPERS },
    'calm/file-size': {
      title: 'PDF at most 50 MB (OpenReview default, unconfirmed for CaLM)',
      severity: 'warning',
      stage: 'both',
      source: OPENREVIEW_DEFAULTS,
      params: { maxMegabytes: 50 },
    },
  },
};
