/**
 * Zotero item types in the two vocabularies CALM Cite writes entries in. The CSL types are those of
 * Zotero's own schema (`csl.types` in the schema Zotero 9 stores in `settings`), so an item cites as it
 * does from Zotero; the BibTeX types are those of Zotero's BibTeX export, which is what a user's `.bib`
 * written by Zotero already contains. Types neither knows (custom types, future ones) become
 * `misc` / `document`.
 */

const CSL_TYPE: Record<string, string> = {
  artwork: 'graphic',
  audioRecording: 'song',
  bill: 'bill',
  blogPost: 'post-weblog',
  book: 'book',
  bookSection: 'chapter',
  case: 'legal_case',
  computerProgram: 'software',
  conferencePaper: 'paper-conference',
  dataset: 'dataset',
  dictionaryEntry: 'entry-dictionary',
  document: 'document',
  email: 'personal_communication',
  encyclopediaArticle: 'entry-encyclopedia',
  film: 'motion_picture',
  forumPost: 'post',
  hearing: 'hearing',
  instantMessage: 'personal_communication',
  interview: 'interview',
  journalArticle: 'article-journal',
  letter: 'personal_communication',
  magazineArticle: 'article-magazine',
  manuscript: 'manuscript',
  map: 'map',
  newspaperArticle: 'article-newspaper',
  patent: 'patent',
  podcast: 'broadcast',
  preprint: 'article',
  presentation: 'speech',
  radioBroadcast: 'broadcast',
  report: 'report',
  standard: 'standard',
  statute: 'legislation',
  thesis: 'thesis',
  tvBroadcast: 'broadcast',
  videoRecording: 'motion_picture',
  webpage: 'webpage',
};

const BIBTEX_TYPE: Record<string, string> = {
  book: 'book',
  bookSection: 'incollection',
  conferencePaper: 'inproceedings',
  journalArticle: 'article',
  magazineArticle: 'article',
  newspaperArticle: 'article',
  manuscript: 'unpublished',
  patent: 'patent',
  report: 'techreport',
  thesis: 'phdthesis',
};

export function cslType(itemType: string): string {
  return CSL_TYPE[itemType] ?? 'document';
}

export function bibtexType(itemType: string): string {
  return BIBTEX_TYPE[itemType] ?? 'misc';
}

/** The BibTeX field a container title goes in: `booktitle` for parts of a book or proceedings, else `journal`. */
export function bibtexContainerField(bibtex: string): 'booktitle' | 'journal' {
  return bibtex === 'incollection' || bibtex === 'inproceedings' ? 'booktitle' : 'journal';
}

/** The BibTeX field Zotero's generic `publisher` goes in: theses name a school, reports an institution. */
export function bibtexPublisherField(bibtex: string): 'school' | 'institution' | 'publisher' {
  if (bibtex === 'phdthesis') return 'school';
  if (bibtex === 'techreport') return 'institution';
  return 'publisher';
}
