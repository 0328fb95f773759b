import * as nodePath from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { markdownBlocks } from '../citations/markdownBlocks';

export interface NamedBibliography {
  /** As written in the YAML. */
  name: string;
  /** Absolute, when the document's path was given: Pandoc resolves it against the document's folder. */
  path?: string;
  /** Offsets of the value in the text that was given. */
  start: number;
  end: number;
}

export interface MarkdownBibliographies {
  bibliographies: NamedBibliography[];
  /** The metadata has a `references:` list: entries written inline, a bibliography source of its own. */
  hasInlineReferences: boolean;
}

/** The scalar values of a `bibliography:` field: one file, or a list in block or flow style. */
function bibliographyValues(node: unknown, offset: number): NamedBibliography[] {
  const scalars = isSeq(node) ? node.items : [node];
  const found: NamedBibliography[] = [];
  for (const item of scalars) {
    if (!isScalar(item) || typeof item.value !== 'string' || !item.value.trim() || !item.range) continue;
    // A quoted scalar's range covers its quotes; point at the name itself.
    const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE';
    const start = offset + item.range[0] + (quoted ? 1 : 0);
    const end = offset + item.range[1] - (quoted ? 1 : 0);
    found.push({ name: item.value.trim(), start, end });
  }
  return found;
}

function topLevelField(yaml: string, field: string): Node | undefined | null {
  const document = parseDocument(yaml, { keepSourceTokens: false });
  if (!isMap(document.contents)) return undefined;
  return document.contents.get(field, true) as Node | undefined | null;
}

/**
 * `bibliography:` files from the document's YAML metadata blocks (Pandoc merges them all), with
 * `documentPath` used to make them absolute.
 */
export function markdownBibliographies(text: string, documentPath?: string): MarkdownBibliographies {
  const result: MarkdownBibliographies = { bibliographies: [], hasInlineReferences: false };
  for (const block of markdownBlocks(text).yamlBlocks) {
    const yaml = text.slice(block.start, block.end);
    for (const found of bibliographyValues(topLevelField(yaml, 'bibliography'), block.start)) {
      result.bibliographies.push(documentPath ? { ...found, path: nodePath.resolve(nodePath.dirname(documentPath), found.name) } : found);
    }
    const references = topLevelField(yaml, 'references');
    if (isSeq(references) && references.items.length > 0) result.hasInlineReferences = true;
  }
  return result;
}

/**
 * Top-level `bibliography:` of a Quarto project's `_quarto.yml`, relative to the project folder. Per-format
 * and per-document settings are left to the documents' own front matter.
 */
export function quartoProjectBibliographies(yamlText: string): NamedBibliography[] {
  return bibliographyValues(topLevelField(yamlText, 'bibliography'), 0);
}
