import { findMarkdownCitations, yamlNocite } from '../citations/markdown';
import type { Citation } from '../citations/types';
import { markdownBibliographies, type NamedBibliography } from '../discovery/markdownSources';
import { LineIndex, type LineColumn } from '../text/lineIndex';

/** One version of a Pandoc Markdown, Quarto or R Markdown file: its citations and YAML metadata, each read on first use. */
export class MarkdownDocument {
  readonly language = 'markdown' as const;
  #lines: LineIndex | undefined;
  #citations: Citation[] | undefined;
  #bibliographies: NamedBibliography[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.text));
  }

  position(offset: number): LineColumn {
    return this.lines.position(offset);
  }

  /** Citations in the text, then the keys of the YAML `nocite:` field (cited without appearing in the text). */
  citations(): Citation[] {
    if (!this.#citations) {
      const nocite = yamlNocite(this.text).map((key) => ({ ...key, group: { start: key.start, end: key.end } }));
      this.#citations = [...findMarkdownCitations(this.text), ...nocite].sort((a, b) => a.start - b.start);
    }
    return this.#citations;
  }

  citesWholeBibliography(): boolean {
    return false;
  }

  /** `bibliography:` files of the YAML metadata, resolved against the document's folder. */
  bibliographies(): NamedBibliography[] {
    return (this.#bibliographies ??= markdownBibliographies(this.text, this.path).bibliographies);
  }

  structure(): string {
    return this.bibliographies()
      .map((bibliography) => bibliography.path)
      .join('\u0000');
  }
}
