import { citingCommandSet, isMulticiteCommand } from './commands';
import { endOfLine, isParagraphBreak, isSpace, scanLatexCommands, skipArgumentSpace, type DelimitedArguments } from './latexLexer';
import type { Citation, CitationContext, CitationOptions } from './types';

interface KeyOccurrence {
  key: string;
  start: number;
  end: number;
}

/** One `{...}` key list of a citing command. */
interface KeyList {
  open: number;
  /** Offset just after the closing brace, or -1 while the list is still being typed. */
  end: number;
  /** Last offset that still belongs to the list: the closing brace, or where an unclosed list stops. */
  lastInside: number;
  keys: KeyOccurrence[];
}

interface CitingCommandMatch {
  command: string;
  start: number;
  end: number;
  lists: KeyList[];
}

/** `\nocite{*}` adds the whole bibliography; `*` is not a key. */
const ALL_ENTRIES = '*';

const CLOSE_BRACE = 125;
const PERCENT = 37;
const NEWLINE = 10;
const COMMA = 44;

/** ASCII codes that end a key: whitespace and `, { } % \`. A table, because this test runs per character. */
const KEY_TERMINATORS = new Uint8Array(128);
for (const char of ' \t\r\n,{}%\\') KEY_TERMINATORS[char.charCodeAt(0)] = 1;

function isKeyChar(code: number): boolean {
  return code >= 128 || KEY_TERMINATORS[code] === 0;
}

/** A list still being typed ends after its last key, or where it stopped if a key was expected next. */
function unclosedKeyList(open: number, keys: KeyOccurrence[], expectingKey: boolean, stop: number): KeyList {
  const lastKey = keys[keys.length - 1];
  return { open, end: -1, lastInside: expectingKey || !lastKey ? stop : lastKey.end, keys };
}

/**
 * Reads `{a, b,\n c}`. An unclosed list (the user is typing) stops at the first thing that cannot
 * continue a key list, so it never runs on into the rest of the document.
 */
function readKeyList(text: string, open: number): KeyList {
  const keys: KeyOccurrence[] = [];
  let expectingKey = true;
  let position = open + 1;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code === CLOSE_BRACE) return { open, end: position + 1, lastInside: position, keys };
    if (code === PERCENT) {
      position = endOfLine(text, position) + 1;
    } else if (code === NEWLINE && isParagraphBreak(text, position)) {
      return unclosedKeyList(open, keys, expectingKey, position);
    } else if (isSpace(code)) {
      position++;
    } else if (code === COMMA) {
      expectingKey = true;
      position++;
    } else if (!expectingKey || !isKeyChar(code)) {
      return unclosedKeyList(open, keys, expectingKey, position);
    } else {
      let keyEnd = position + 1;
      while (keyEnd < text.length && isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
      keys.push({ key: text.slice(position, keyEnd), start: position, end: keyEnd });
      expectingKey = false;
      position = keyEnd;
    }
  }
  return unclosedKeyList(open, keys, expectingKey, text.length);
}

/** Skips up to `max` optional arguments opened by `open` (`[` or `(`); undefined when one is unterminated. */
function skipOptionalArguments(text: string, args: DelimitedArguments, from: number, open: string, max: number): number | undefined {
  let position = from;
  for (let count = 0; count < max; count++) {
    const next = skipArgumentSpace(text, position);
    if (text[next] !== open) break;
    const end = args.end(next);
    if (end === -1) return undefined;
    position = end;
  }
  return position;
}

/**
 * Reads the arguments of a citing command whose name ends at `afterName`:
 * `\citep*[see][p.~4]{a,b}` or `\parencites(pre)(post)[p.~1]{a}[ch.~2]{b}`.
 */
function readCitingCommand(text: string, args: DelimitedArguments, start: number, afterName: number, name: string): CitingCommandMatch | undefined {
  let position = afterName;
  let command = name;
  if (text[position] === '*') {
    command += '*';
    position++;
  }
  const multicite = isMulticiteCommand(name);
  if (multicite) {
    const afterNotes = skipOptionalArguments(text, args, position, '(', 2);
    if (afterNotes === undefined) return undefined;
    position = afterNotes;
  }
  const lists: KeyList[] = [];
  for (;;) {
    const afterOptions = skipOptionalArguments(text, args, position, '[', 2);
    if (afterOptions === undefined) break;
    const open = skipArgumentSpace(text, afterOptions);
    if (text[open] !== '{') break;
    const list = readKeyList(text, open);
    lists.push(list);
    if (list.end === -1) {
      position = list.lastInside;
      break;
    }
    position = list.end;
    if (!multicite) break;
  }
  if (lists.length === 0) return undefined;
  return { command, start, end: position, lists };
}

function scanCitingCommands(
  text: string,
  options: CitationOptions | undefined,
  onMatch: (match: CitingCommandMatch) => void,
  stopAt?: number,
): void {
  const commands = citingCommandSet(options?.extraCommands);
  scanLatexCommands(
    text,
    (name, start, afterName, args) => {
      if (!commands.has(name)) return afterName;
      const match = readCitingCommand(text, args, start, afterName, name);
      if (!match) return afterName;
      onMatch(match);
      return match.end;
    },
    stopAt,
  );
}

export function findLatexCitations(text: string, options?: CitationOptions): Citation[] {
  const citations: Citation[] = [];
  scanCitingCommands(text, options, (match) => {
    const group = { start: match.start, end: match.end };
    for (const list of match.lists) {
      // Keys of an unfinished list are still being typed: reporting them would flag half-words as unknown.
      if (list.end === -1) continue;
      for (const { key, start, end } of list.keys) {
        if (key !== ALL_ENTRIES) citations.push({ key, start, end, command: match.command, group });
      }
    }
  });
  return citations;
}

/** Whether a `\nocite{*}` (or another citing command with `*` as its key) cites the whole bibliography. */
export function latexCitesWholeBibliography(text: string, options?: CitationOptions): boolean {
  let found = false;
  scanCitingCommands(text, options, (match) => {
    if (match.lists.some((list) => list.end !== -1 && list.keys.some((key) => key.key === ALL_ENTRIES))) found = true;
  });
  return found;
}

export function latexCitationContextAt(text: string, offset: number, options?: CitationOptions): CitationContext | undefined {
  // The last command starting before the cursor is the only one whose key list can contain it.
  // (Declared with `as` so TypeScript does not narrow it to `undefined` across the callback.)
  let match = undefined as CitingCommandMatch | undefined;
  scanCitingCommands(text, options, (each) => (match = each), offset);
  if (!match) return undefined;
  const list = match.lists.find((candidate) => candidate.open < offset && offset <= candidate.lastInside);
  if (!list) return undefined;
  let replaceStart = offset;
  while (replaceStart > list.open + 1 && isKeyChar(text.charCodeAt(replaceStart - 1))) replaceStart--;
  let replaceEnd = offset;
  while (replaceEnd < list.lastInside && isKeyChar(text.charCodeAt(replaceEnd))) replaceEnd++;
  const keysInGroup = match.lists
    .flatMap((each) => each.keys)
    .filter((key) => key.start !== replaceStart && key.key !== ALL_ENTRIES)
    .map((key) => key.key);
  return { prefix: text.slice(replaceStart, offset), replaceStart, replaceEnd, keysInGroup, syntax: 'latex' };
}
