import type { Reference } from '../library/reference';
import { toCslItem } from './cslItem';

/** citation-js is loaded on first use: it costs 100-160 ms to load and ~1 s to build the first CSL engine. */
interface CitationJs {
  Cite: new (data: unknown) => { format(kind: string, options: Record<string, unknown>): string };
  plugins: { config: { get(name: string): { templates: { add(name: string, xml: string): void; has(name: string): boolean } } } };
}

let citationJs: CitationJs | undefined;

function loadCitationJs(): CitationJs {
  if (!citationJs) {
    const core = require('@citation-js/core') as CitationJs;
    require('@citation-js/plugin-csl');
    citationJs = core;
  }
  return citationJs;
}

/** Styles citation-js ships; anything else must be registered from a .csl file first. */
export const BUILT_IN_STYLES = ['apa', 'vancouver', 'harvard1'] as const;

/** Makes a CSL style from a .csl file usable under `name`. Throws with a readable message if it is not CSL. */
export function registerStyle(name: string, cslXml: string): void {
  if (!/<style[\s>]/.test(cslXml)) throw new Error(`the file for style '${name}' is not a CSL style (no <style> element)`);
  loadCitationJs().plugins.config.get('@csl').templates.add(name, cslXml);
}

export function isStyleAvailable(name: string): boolean {
  return (BUILT_IN_STYLES as readonly string[]).includes(name) || loadCitationJs().plugins.config.get('@csl').templates.has(name);
}

/**
 * The reference as a bibliography entry in a CSL style, as plain text. Falls back to a simple
 * "Authors (Year). Title. Venue." line when the CSL engine rejects the entry, so a hover always shows something.
 */
export function formatReference(reference: Reference, style = 'apa'): string {
  try {
    const { Cite } = loadCitationJs();
    const text = new Cite([toCslItem(reference)]).format('bibliography', {
      format: 'text',
      template: isStyleAvailable(style) ? style : 'apa',
      lang: 'en-US',
    });
    const trimmed = text.trim();
    if (trimmed) return trimmed;
  } catch {
    // Fall through to the plain rendering below.
  }
  return plainReference(reference);
}

export function plainReference(reference: Reference): string {
  const authors = reference.authors.map((person) => person.literal ?? person.family).join(', ');
  const parts = [authors && `${authors} (${reference.year ?? 'n.d.'}).`, reference.title && `${reference.title}.`, reference.venue && `${reference.venue}.`];
  return parts.filter(Boolean).join(' ');
}
