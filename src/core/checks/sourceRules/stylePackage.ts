import type { FindingDraft } from '../finding';
import { locate } from '../latexCommands';
import { stringListParam, stringParam } from '../rulesPack';
import type { SourceRule } from './sourceRule';

/** S1: the venue's own style must be loaded; a close relative is a warning, another year an error. */
export const checkStylePackage: SourceRule = ({ ruleId, pack, style, document, rootPath }) => {
  const wanted = stringParam(pack, ruleId, 'package', 'neurips_2024_calm');
  const tolerated = stringListParam(pack, ruleId, 'acceptedWithWarning', []);
  const loads = style.styleLoads;
  if (loads.some((load) => load.packageName === wanted)) return [];
  if (loads.length === 0) {
    const root = document.files[0]!;
    return [
      {
        ...(style.documentClass ? locate(root, style.documentClass.offset) : { file: rootPath }),
        message: `No \\usepackage{${wanted}} found. Load the venue's style with \\usepackage{${wanted}} right after \\documentclass{article}.`,
      },
    ];
  }
  // A style loaded in two branches of a conditional is one choice: report each package once.
  const distinct = loads.filter((load, index) => loads.findIndex((other) => other.packageName === load.packageName) === index);
  return distinct.map((load): FindingDraft => {
    const where = locate(load.use.file, load.use.offset);
    if (tolerated.includes(load.packageName)) {
      return {
        ...where,
        severity: 'warning',
        message: `\\usepackage{${load.packageName}} loads the main-track style; this venue provides ${wanted}.sty with its own footer. Replace it with \\usepackage{${wanted}}.`,
      };
    }
    return {
      ...where,
      message: `\\usepackage{${load.packageName}} is not this venue's style. Use \\usepackage{${wanted}} (from the official style files) instead.`,
    };
  });
};
