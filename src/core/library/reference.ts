import { z } from 'zod';

/** Where something sits in a library or document file. Lines and columns are 1-based, as editors show them. */
export const SourceLocationSchema = z.object({
  path: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});
export type SourceLocation = z.infer<typeof SourceLocationSchema>;

/**
 * Where a piece of a library file is written, as the reader found it. `start` and `end` are UTF-16 offsets
 * into the file's text after any byte-order mark (as editors hold it), `end` exclusive; `line` and `column`
 * are those of `start`, 1-based, columns in UTF-16 units. Every reader uses this one convention.
 */
export const SourceSpanSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});
export type SourceSpan = z.infer<typeof SourceSpanSchema>;

export const PersonSchema = z.object({
  family: z.string(),
  given: z.string().optional(),
  /** A name that is not split into parts (an organisation, or `{Ó hÉigeartaigh}` kept whole). */
  literal: z.string().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

/**
 * Which library a reference came from: the CALM 2024 list shipped with the extension (`bundled`), the
 * user's Zotero database (`zotero`), or a library file the document or the settings name (`user`).
 */
export const LibraryKindSchema = z.enum(['bundled', 'zotero', 'user']);

/** Where a reference read from a Zotero database sits in Zotero, for showing and filtering it by library and collection. */
export const ZoteroOriginSchema = z.object({
  /** Zotero's own item key (8 characters, unique within one Zotero library). */
  itemKey: z.string(),
  /** Zotero's item type: `journalArticle`, `conferencePaper` ... */
  itemType: z.string(),
  libraryId: z.number().int(),
  /** `My Library` for the user library, else the group's name. */
  libraryName: z.string(),
  /** Set for group libraries: the group's id, which `zotero://` links name. */
  groupId: z.number().int().optional(),
  /** Each collection holding the item, as its path from the top collection: `[['Thesis', 'Chapter 2']]`. */
  collections: z.array(z.array(z.string())),
  /** Where the citation key came from (see the README's Zotero section). */
  keySource: z.enum(['native', 'extra', 'better-bibtex', 'generated']),
});
export type ZoteroOrigin = z.infer<typeof ZoteroOriginSchema>;

/**
 * One reference, whatever format it was read from. Display fields are decoded to Unicode
 * (`Ze{\v{c}}evi{\'c}` becomes `Zečević`); `fields` keeps every raw field for checks that need them.
 */
export const ReferenceSchema = z.object({
  key: z.string().min(1),
  /** Lower-case entry type as written in the source: `article`, `inproceedings`, `misc`, CSL `paper-conference` ... */
  type: z.string(),
  /** The CSL item type, where the source says more than `type` does (a Zotero item has BibTeX `type` and this). */
  cslType: z.string().optional(),
  title: z.string().optional(),
  authors: z.array(PersonSchema),
  editors: z.array(PersonSchema).optional(),
  year: z.string().optional(),
  /** journal, booktitle or journaltitle, with @string macros resolved. */
  venue: z.string().optional(),
  volume: z.string().optional(),
  pages: z.string().optional(),
  publisher: z.string().optional(),
  doi: z.string().optional(),
  url: z.string().optional(),
  arxiv: z.string().optional(),
  abstract: z.string().optional(),
  /** Keywords and topic tags, one string each (`calm:in`, `causal discovery`). */
  keywords: z.array(z.string()),
  note: z.string().optional(),
  /** A later peer-reviewed version of a preprint, as recorded by the bundled library. */
  publishedVersion: z.string().optional(),
  /** Raw field values as read (lower-case names), for checks such as required fields. */
  fields: z.record(z.string(), z.string()),
  source: SourceLocationSchema,
  /**
   * The whole entry (a BibTeX entry from `@` to its closing brace, a CSL item, an RIS record from `TY` to `ER`).
   * Absent for an entry an error cut short, and for references not read from a file.
   */
  entrySpan: SourceSpanSchema.optional(),
  /** The key as written. Absent when the key is not written in the file (a generated RIS key) or not as the key reads. */
  keySpan: SourceSpanSchema.optional(),
  library: LibraryKindSchema,
  /** Set for references read from a Zotero database. */
  zotero: ZoteroOriginSchema.optional(),
});
export type Reference = z.infer<typeof ReferenceSchema>;

/**
 * Whether the reference comes from a library CALM Cite reads but BibTeX, biblatex and Pandoc never see
 * (the bundled CALM library, a Zotero database): citing it needs a copy of its entry in the document's
 * own bibliography, and it is never renamed or reported where it is defined.
 */
export function isOutsideBibliography(reference: Reference): boolean {
  return reference.library !== 'user';
}

/** A located problem in a library file. Readers return these instead of throwing. */
export interface LibraryError extends SourceLocation {
  message: string;
}

/** What every reader returns: the entries it could read and a located error for each it could not. */
export interface LibraryReadResult {
  references: Reference[];
  errors: LibraryError[];
}
