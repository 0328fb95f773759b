import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { stringParam } from '../rulesPack';
import type { SourceRule } from './sourceRule';

/**
 * S3: a .sty beside the root file must be byte-identical to the official one. Without a .sty there
 * nothing can be compared (TeX may find it elsewhere), so the rule stays quiet.
 */
export const checkStyleUnmodified: SourceRule = async ({ ruleId, pack, rootPath, readText }) => {
  const fileName = stringParam(pack, ruleId, 'file', 'neurips_2024_calm.sty');
  const expected = stringParam(pack, ruleId, 'sha256', '').toLowerCase();
  const styPath = path.join(path.dirname(rootPath), fileName);
  const text = await readText(styPath);
  if (text === undefined || expected === '') return [];
  const actual = createHash('sha256').update(text, 'utf8').digest('hex');
  if (actual === expected) return [];
  return [
    {
      file: styPath,
      message: `${fileName} differs from the official style file (sha256 ${actual.slice(0, 12)}... instead of ${expected.slice(0, 12)}...). Changing the style can get a paper rejected: replace it with the file from the official style zip.`,
    },
  ];
};
