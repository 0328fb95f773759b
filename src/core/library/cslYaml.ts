import { isMap, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { cslItemToReference, type LibraryKind } from './cslToReference';
import type { LibraryError, LibraryReadResult, Reference } from './reference';

/**
 * Reads a CSL-YAML file: a list of CSL items at top level, or Pandoc's `references:` key.
 * Each item is located by the source range the `yaml` parser keeps on its node. An item that
 * contains a syntax error is left out (its content cannot be trusted); the error is reported
 * where the parser found it and the other items are still read.
 */
export function readCslYaml(text: string, path: string, options: { library?: LibraryKind } = {}): LibraryReadResult {
  const library = options.library ?? 'user';
  const lines = new LineIndex(text);
  const references: Reference[] = [];
  const errors: LibraryError[] = [];
  const locate = (offset: number) => ({ path, ...lines.position(offset) });

  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text) as Document.Parsed[];
  } catch (error) {
    return { references, errors: [{ ...locate(0), message: `Unreadable CSL-YAML: ${String(error)}` }] };
  }
  if (!Array.isArray(documents)) return { references, errors };

  for (const document of documents) {
    const errorOffsets = document.errors.map((error) => error.pos[0]);
    for (const error of document.errors) {
      errors.push({ ...locate(error.pos[0]), message: `Malformed CSL-YAML: ${firstLine(error.message)}` });
    }
    const items = itemList(document);
    if (!items) {
      if (document.contents !== null && document.errors.length === 0) {
        const offset = document.contents.range?.[0] ?? 0;
        errors.push({ ...locate(offset), message: 'Expected a list of CSL items or a `references:` list.' });
      }
      continue;
    }
    for (const item of items) {
      const [start, , end] = item.range ?? [0, 0, 0];
      if (errorOffsets.some((offset) => offset >= start && offset <= end)) continue;
      const value = itemValue(item, document);
      if (!value.ok) {
        errors.push({ ...locate(start), message: value.message });
        continue;
      }
      const mapped = cslItemToReference(value.item, { source: locate(start), library });
      if (mapped.ok) references.push(mapped.reference);
      else errors.push({ ...locate(start), message: mapped.message });
    }
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { references, errors };
}

function itemList(document: Document.Parsed): Node[] | undefined {
  const contents = document.contents;
  if (isSeq(contents)) return contents.items as Node[];
  if (isMap(contents)) {
    const references = contents.get('references', true);
    if (isSeq(references)) return references.items as Node[];
  }
  return undefined;
}

/** Converting a node throws for aliases that are unresolved or expand too much (a "billion laughs" file). */
function itemValue(item: Node, document: Document.Parsed): { ok: true; item: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, item: item.toJS(document) };
  } catch (error) {
    return { ok: false, message: `Unreadable CSL-YAML entry: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The yaml package appends its own position and a source excerpt; the error's location already says where. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
