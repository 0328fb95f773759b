import * as path from 'node:path';

/** The project's own test files (test/fixtures/): small papers and libraries that need nothing beside the repository. */
export function fixturePath(...parts: string[]): string {
  return path.resolve(__dirname, '..', 'fixtures', ...parts);
}

/** The sample paper the README's quick start opens (examples/calm-paper), with its compiled PDF. */
export function samplePath(...parts: string[]): string {
  return path.resolve(__dirname, '..', '..', 'examples', 'calm-paper', ...parts);
}
