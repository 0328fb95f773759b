import picomatch from 'picomatch';

/** Whether a setting names files by pattern (`refs/**\/*.bib`) rather than one path. */
export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}

/** A test of relative paths (forward or back slashes) against a glob in VS Code's syntax: `**`, `*`, `?`, `{a,b}`, `[ab]`. */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  const matches = picomatch(glob, { dot: true, windows: false });
  return (relativePath) => matches(relativePath.replaceAll('\\', '/'));
}
