import * as nodePath from 'node:path';
import { MAX_CITATION_DOCUMENT_LENGTH } from '../limits';
import { BUILT_IN_STYLES, registerStyle } from '../preview/formatter';
import type { Workspace } from '../workspace';
import { readText } from '../workspace/files';
import type { ServiceLog } from './types';

/**
 * The CSL style to format previews with for `calmCite.citationStyle`: a built-in name as is, or a `.csl`
 * file (relative to the folder) registered with citation-js whenever its text changes. A style that
 * cannot be used falls back to APA, with the reason in the log.
 */
export class CitationStyles {
  private readonly registered = new Map<string, string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly log: ServiceLog,
  ) {}

  async styleFor(setting: string, folder: string): Promise<string> {
    if ((BUILT_IN_STYLES as readonly string[]).includes(setting)) return setting;
    if (!/\.csl$/i.test(setting)) {
      this.log.warn(`calmCite.citationStyle '${setting}' is not a built-in style (${BUILT_IN_STYLES.join(', ')}) or a .csl file; using apa.`);
      return 'apa';
    }
    const file = nodePath.resolve(folder, setting);
    const read = await readText(this.workspace, file, MAX_CITATION_DOCUMENT_LENGTH);
    if (!read.ok) {
      this.log.warn(`calmCite.citationStyle: ${read.message} Using apa.`);
      return 'apa';
    }
    if (this.registered.get(file) !== read.value) {
      try {
        registerStyle(file, read.value);
      } catch (error) {
        this.log.warn(`calmCite.citationStyle: cannot use ${file} (${(error as Error).message}); using apa.`);
        return 'apa';
      }
      this.registered.set(file, read.value);
    }
    return file;
  }
}
