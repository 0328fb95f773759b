import { loadBundledLibraries } from '../../src/core/library/bundled';
import { readLibraryText } from '../../src/core/library/formats';
import { Library } from '../../src/core/library/library';

/** A Library over hand-made file texts, with the bundled CALM library first when asked. */
export function libraryOf(files: Record<string, string>, options: { bundled?: boolean } = {}): Library {
  const library = new Library();
  if (options.bundled) for (const bundled of loadBundledLibraries()) library.setFile(bundled.path, bundled.result);
  for (const [path, text] of Object.entries(files)) library.setFile(path, readLibraryText(path, text));
  return library;
}
