import fc from 'fast-check';

/**
 * Structure-aware mutations, as data: fast-check generates (and shrinks) a list of these and
 * `mutateText`/`mutateBytes` apply them, so a failure shrinks to the fewest edits that still break.
 */
export interface Mutation {
  kind: 'delete' | 'duplicate' | 'insert' | 'splice' | 'truncate' | 'flip';
  /** Where, as a fraction-free position: taken modulo the current length. */
  at: number;
  length: number;
  token: string;
  /** Which donor file a splice takes its chunk from, and where in it. */
  donor: number;
  donorAt: number;
}

/** The characters BibTeX, LaTeX and Markdown syntax hangs on. */
const SYNTAX_TOKENS = ['{', '}', '@', ',', '"', '=', '#', '\\', '%', '[', ']', ';', '$', '\n', '---\n', '\\input{', '\\cite{', '@article{'];

/** Text that trips decoders and offset arithmetic: NUL, lone surrogates, U+FFFD, BOM, RTL marks, astral and combining characters. */
const HOSTILE_UNICODE = ['\u0000', '\uD800', '\uDFFF', '\uFFFD', '\uFEFF', '\u200F', '\u202E', '\u2028', '\r', '\u{1F600}', 'e\u0301', '\u0085'];

/** PDF syntax, to break object structure rather than just data. */
export const PDF_TOKENS = ['obj', 'endobj', 'stream', 'endstream', 'xref', 'trailer', '%%EOF', '/Pages', '/Count 999999999', '<<', '>>', '0 0 R', '\u0000', '\u00ff'];

const mutationArbitrary = (tokens: readonly string[], kinds: readonly Mutation['kind'][]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 64 }),
    token: fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: 'binary', maxLength: 3 })),
    donor: fc.nat(),
    donorAt: fc.nat(),
  });

export const textMutations = fc.array(
  mutationArbitrary([...SYNTAX_TOKENS, ...HOSTILE_UNICODE], ['delete', 'duplicate', 'insert', 'splice', 'truncate']),
  { minLength: 1, maxLength: 8 },
);

export const byteMutations = fc.array(mutationArbitrary(PDF_TOKENS, ['delete', 'duplicate', 'insert', 'splice', 'truncate', 'flip']), {
  minLength: 1,
  maxLength: 6,
});

/** Applies mutations in order. Inserted tokens repeat (up to 64 times) so nesting and runs get deep. */
export function mutateText(text: string, mutations: readonly Mutation[], donors: readonly string[]): string {
  for (const m of mutations) {
    const at = m.at % (text.length + 1);
    switch (m.kind) {
      case 'delete':
        text = text.slice(0, at) + text.slice(at + m.length);
        break;
      case 'duplicate':
        text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        break;
      case 'insert':
        text = text.slice(0, at) + m.token.repeat(1 + (m.length % 8 === 0 ? m.length : 0)) + text.slice(at);
        break;
      case 'splice': {
        const donor = donors[m.donor % donors.length] ?? '';
        const from = m.donorAt % (donor.length + 1);
        text = text.slice(0, at) + donor.slice(from, from + m.length * 16) + text.slice(at);
        break;
      }
      case 'truncate':
      case 'flip':
        text = text.slice(0, at);
        break;
    }
  }
  return text;
}

/** The same edits on bytes, plus bit flips; tokens are written as Latin-1. */
export function mutateBytes(bytes: Uint8Array, mutations: readonly Mutation[], donors: readonly Uint8Array[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    const insert = (chunk: Uint8Array) => concat(out.subarray(0, at), chunk, out.subarray(at));
    switch (m.kind) {
      case 'delete':
        out = concat(out.subarray(0, at), out.subarray(at + m.length));
        break;
      case 'duplicate':
        out = insert(out.slice(at, at + m.length));
        break;
      case 'insert':
        out = insert(Uint8Array.from(m.token, (c) => c.charCodeAt(0) & 0xff));
        break;
      case 'splice': {
        const donor = donors[m.donor % donors.length] ?? new Uint8Array();
        const from = m.donorAt % (donor.length + 1);
        out = insert(donor.slice(from, from + m.length * 16));
        break;
      }
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'flip':
        if (at < out.length) {
          out = out.slice();
          out[at] = out[at]! ^ (1 << (m.length % 8));
        }
        break;
    }
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
