import type { Person } from '../core/library/reference';
import { UsageError } from './usage';

export function parseFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format ${value} is not known; use one of: ${allowed.join(', ')}.`);
}

/**
 * Collects output lines and hands them on in pieces of about 64 KB: one write per line would be a system call
 * per entry, one write of everything a string as long as the whole output.
 */
export class LineWriter {
  private lines: string[] = [];
  private size = 0;

  /** `out` writes a piece of text and ends it with a line break. */
  constructor(private readonly out: (text: string) => void) {}

  line(text: string): void {
    this.lines.push(text);
    this.size += text.length + 1;
    if (this.size >= 64 * 1024) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    this.out(this.lines.join('\n'));
    this.lines = [];
    this.size = 0;
  }
}

export function personName(person: Person): string {
  if (person.literal) return person.literal;
  return person.given ? `${person.given} ${person.family}` : person.family;
}
