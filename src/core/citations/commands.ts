/**
 * The LaTeX commands whose mandatory arguments are citation keys: natbib, biblatex and LaTeX's own.
 * Starred forms (`\citep*`, `\citeauthor*`) are accepted for every name, as both packages define them
 * for most commands and a star never turns a citing command into something else.
 */
export const CITING_COMMANDS: readonly string[] = [
  // LaTeX and natbib
  'cite', 'nocite', 'citep', 'citet', 'citealp', 'citealt', 'citeauthor', 'citefullauthor',
  'citeyear', 'citeyearpar', 'citenum', 'Citep', 'Citet', 'Citealp', 'Citealt', 'Citeauthor',
  // biblatex
  'Cite', 'parencite', 'Parencite', 'textcite', 'Textcite', 'autocite', 'Autocite',
  'footcite', 'footcitetext', 'fullcite', 'footfullcite', 'smartcite', 'Smartcite', 'supercite',
  'citetitle', 'citeurl', 'citedate', 'citeurldate', 'notecite', 'pnotecite', 'fnotecite',
];

/**
 * biblatex multicite commands: `\parencites(pre)(post)[pre][post]{a}[pre][post]{b}` take several key groups.
 */
export const MULTICITE_COMMANDS: readonly string[] = [
  'cites', 'Cites', 'parencites', 'Parencites', 'textcites', 'Textcites', 'autocites', 'Autocites',
  'footcites', 'footcitetexts', 'smartcites', 'Smartcites', 'supercites',
];

const BUILT_IN = new Set([...CITING_COMMANDS, ...MULTICITE_COMMANDS]);
const MULTICITE = new Set(MULTICITE_COMMANDS);

function withoutStar(name: string): string {
  return name.endsWith('*') ? name.slice(0, -1) : name;
}

function normalizeExtra(name: string): string {
  return withoutStar(name.trim().replace(/^\\/, ''));
}

/** True for `citep`, `citeauthor*`, `Parencites`, or a name from `extraCommands`; false for `dictcite`, `citestyle`. */
export function isCitingCommand(name: string, extraCommands?: readonly string[]): boolean {
  const base = withoutStar(name);
  if (BUILT_IN.has(base)) return true;
  return extraCommands !== undefined && extraCommands.some((extra) => normalizeExtra(extra) === base);
}

export function isMulticiteCommand(name: string): boolean {
  return MULTICITE.has(withoutStar(name));
}

/** A lookup built once per scan, so the per-command test is a set probe rather than a list search. */
export function citingCommandSet(extraCommands?: readonly string[]): ReadonlySet<string> {
  if (!extraCommands || extraCommands.length === 0) return BUILT_IN;
  return new Set([...BUILT_IN, ...extraCommands.map(normalizeExtra)]);
}
