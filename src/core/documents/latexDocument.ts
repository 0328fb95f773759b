import { findLatexCitations, latexCitesWholeBibliography } from '../citations/latex';
import type { Citation } from '../citations/types';
import { hasDocumentClass, latexBibliographies, latexIncludes, magicTexRoot, type LatexFileReference, type LatexInclude } from '../discovery/latexSources';
import { maskLatex } from '../latex/mask';
import { LineIndex, type LineColumn } from '../text/lineIndex';

/**
 * One version of a LaTeX file, read once by the one LaTeX reader: its masked text (comments, verbatim,
 * `\iffalse` blocks and what follows `\end{document}` blanked, see `latex/mask.ts`), line index,
 * citations, includes and bibliographies, each computed on first use and kept for this version.
 * Completion, diagnostics, discovery and the submission rules all read a file through this object.
 */
export class LatexDocument {
  readonly language = 'latex' as const;
  #masked: string | undefined;
  #lines: LineIndex | undefined;
  #citations: { commands: string; citations: Citation[]; citesAll: boolean } | undefined;
  #includes: LatexInclude[] | undefined;
  #bibliographies: LatexFileReference[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** The text with everything TeX does not read blanked, offsets and lines unchanged. */
  get masked(): string {
    return (this.#masked ??= maskLatex(this.text));
  }

  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.text));
  }

  position(offset: number): LineColumn {
    return this.lines.position(offset);
  }

  citations(extraCommands: readonly string[] = []): Citation[] {
    return this.scan(extraCommands).citations;
  }

  /** `\nocite{*}` outside comments: every entry of the bibliography is cited. */
  citesWholeBibliography(extraCommands: readonly string[] = []): boolean {
    return this.scan(extraCommands).citesAll;
  }

  includes(): LatexInclude[] {
    return (this.#includes ??= latexIncludes(this.masked, this.lines));
  }

  bibliographies(): LatexFileReference[] {
    return (this.#bibliographies ??= latexBibliographies(this.masked, this.lines));
  }

  /** Keys a hand-written `thebibliography` defines with `\\bibitem[label]{key}`, outside comments. */
  bibitemKeys(): string[] {
    if (!this.text.includes('\\bibitem')) return [];
    // Bounded, so a run of unclosed `\bibitem[` cannot make the scan quadratic.
    return [...this.masked.matchAll(/\\bibitem\s{0,20}(?:\[[^\]\n]{0,300}\]\s{0,20})?\{([^{}\n]{1,300})\}/g)].map((match) => match[1]!.trim());
  }

  hasDocumentClass(): boolean {
    return hasDocumentClass(this.masked);
  }

  /** The root named by a `% !TEX root = ...` magic comment (read from the comment itself), as written. */
  magicRoot(): string | undefined {
    return magicTexRoot(this.text);
  }

  /**
   * What decides the file's place in a project: a change to anything else (a keystroke in a sentence)
   * leaves every project that holds the file as it was.
   */
  structure(): string {
    const parts = [this.hasDocumentClass() ? 'class' : '', this.magicRoot() ?? ''];
    for (const include of this.includes()) parts.push(`i:${include.command}:${include.path}`);
    for (const bibliography of this.bibliographies()) parts.push(`b:${bibliography.path}`);
    return parts.join('\u0000');
  }

  private scan(extraCommands: readonly string[]): { citations: Citation[]; citesAll: boolean } {
    const commands = extraCommands.join(',');
    if (this.#citations?.commands !== commands) {
      const options = { extraCommands };
      this.#citations = { commands, citations: findLatexCitations(this.masked, options), citesAll: latexCitesWholeBibliography(this.masked, options) };
    }
    return this.#citations;
  }
}
