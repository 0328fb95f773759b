import type { RulesPack } from '../rulesPack';
import { CALM_2024_PACK } from './calm-2024';

const CALL_FOR_PAPERS = 'https://neurips.cc/Conferences/2024/CallForPapers';
const CHECKLIST = 'https://neurips.cc/public/guides/PaperChecklist';

/**
 * The NeurIPS 2024 main track: the same style rules as the CaLM workshop (whose style is a copy of
 * the main one), with the main style package, its own footer, nine pages and the mandatory checklist.
 * The CaLM-only .sty hash does not apply, so that rule is off. The camera-ready gets a tenth page.
 */
export const NEURIPS_2024_PACK: RulesPack = {
  id: 'neurips-2024',
  title: 'NeurIPS 2024 main track',
  source: CALL_FOR_PAPERS,
  rules: {
    ...CALM_2024_PACK.rules,
    'calm/style-package': {
      title: 'Loads the neurips_2024 style',
      severity: 'error',
      stage: 'both',
      source: CALL_FOR_PAPERS,
      params: { package: 'neurips_2024', acceptedWithWarning: [] },
    },
    'calm/style-unmodified': { title: 'The style file is the official one', severity: 'off', stage: 'both', source: CALL_FOR_PAPERS },
    'calm/page-limit': {
      title: 'At most nine pages of main text (ten in the camera-ready)',
      severity: 'error',
      stage: 'both',
      source: CALL_FOR_PAPERS,
      params: { maxPages: 9, minPages: 0 },
      stageParams: { 'camera-ready': { maxPages: 10 } },
    },
    'calm/submission-markers': {
      title: 'The PDF is the anonymous submission version',
      severity: 'error',
      stage: 'submission',
      source: CALL_FOR_PAPERS,
      params: {
        anonymousAuthor: 'Anonymous Author(s)',
        footer: 'Submitted to 38th Conference on Neural Information Processing Systems (NeurIPS 2024). Do not distribute.',
        minLineNumbers: 10,
      },
    },
    'calm/camera-ready-markers': {
      title: 'The PDF is the camera-ready version',
      severity: 'error',
      stage: 'camera-ready',
      source: CALL_FOR_PAPERS,
      params: {
        anonymousAuthor: 'Anonymous Author(s)',
        footer: '38th Conference on Neural Information Processing Systems (NeurIPS 2024).',
        maxLineNumbers: 2,
      },
    },
    'calm/file-size': {
      title: 'PDF at most 50 MB',
      severity: 'warning',
      stage: 'both',
      source: CALL_FOR_PAPERS,
      params: { maxMegabytes: 50 },
    },
    'neurips/checklist': { title: 'The NeurIPS Paper Checklist is included', severity: 'error', stage: 'both', source: CHECKLIST },
  },
};
