import type { Person } from '../core/library/reference';
import { UsageError } from './usage';

export function parseFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format ${value} is not known; use one of: ${allowed.join(', ')}.`);
}

export function personName(person: Person): string {
  if (person.literal) return person.literal;
  return person.given ? `${person.given} ${person.family}` : person.family;
}
