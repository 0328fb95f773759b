import { locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** The camera-ready is built with [final]: names, no line numbers, the workshop's camera-ready footer. */
export const checkFinalMode: SourceRule = ({ style, document, rootPath }) => {
  if (style.nonAnonymousOptions.includes('final')) return [];
  const load = style.styleLoads[0];
  const where = load ? locate(load.use.file, load.use.offset) : style.documentClass ? locate(style.documentClass.file, style.documentClass.offset) : { file: document.files[0]?.path ?? rootPath };
  const packageName = load?.packageName ?? 'neurips_2024_calm';
  const preprint = style.nonAnonymousOptions.includes('preprint');
  return [
    {
      ...where,
      message: preprint
        ? `[preprint] builds the preprint version ("Preprint. Under review."), not the camera-ready. Use \\usepackage[final]{${packageName}}.`
        : `The camera-ready is built with [final]: without it the PDF is the anonymous submission with line numbers. Use \\usepackage[final]{${packageName}}.`,
    },
  ];
};
