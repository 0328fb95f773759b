import { commaList, findCommandsInFiles, type CommandUse } from '../latexCommands';
import type { LatexDocument as LatexFile } from '../../documents';

/** A NeurIPS-family style package (neurips_2024, neurips_2024_calm, neurips_2025, ...). */
const NEURIPS_STYLE = /^neurips_\d{4}(?:_[A-Za-z0-9]+)?$/;

export interface StyleLoad {
  use: CommandUse;
  packageName: string;
  options: string[];
}

export interface StyleSetup {
  /** Every \usepackage of a NeurIPS-family style, in reading order. */
  styleLoads: StyleLoad[];
  documentClass?: CommandUse;
  classOptions: string[];
  /** final/preprint options in effect, from the style load or (as LaTeX passes them on) the class. */
  nonAnonymousOptions: string[];
  /** True when the style builds the anonymous, line-numbered submission version. */
  isSubmission: boolean;
}

export function readStyleSetup(files: readonly LatexFile[]): StyleSetup {
  const styleLoads: StyleLoad[] = [];
  for (const use of findCommandsInFiles(files, 'usepackage')) {
    for (const packageName of commaList(use.args[0])) {
      if (NEURIPS_STYLE.test(packageName)) styleLoads.push({ use, packageName, options: commaList(use.options) });
    }
  }
  const documentClass = findCommandsInFiles(files, 'documentclass')[0];
  const classOptions = commaList(documentClass?.options);
  const isMode = (option: string) => option === 'final' || option === 'preprint';
  // Several loads of the style are branches of a conditional (\ifdefined\public ... \else ... \fi), or an
  // option clash where the first load wins: the source alone does not say which mode is built unless
  // every load asks for the same one.
  const fromLoads = styleLoads.every((load) => load.options.some(isMode)) ? styleLoads.flatMap((load) => load.options) : [];
  const nonAnonymousOptions = [...new Set([...classOptions, ...fromLoads])].filter(isMode);
  const setup: StyleSetup = {
    styleLoads,
    classOptions,
    nonAnonymousOptions,
    isSubmission: nonAnonymousOptions.length === 0,
  };
  if (documentClass) setup.documentClass = documentClass;
  return setup;
}
