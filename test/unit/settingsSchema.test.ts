import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CITATION_RULES } from '../../src/core/citationChecks/rules';
import { parseSettings } from '../../src/core/settings';

/** package.json's `contributes.configuration`, which VS Code shows in its Settings editor. */
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; properties?: Record<string, { default: unknown }> }> } };
};
const declared = manifest.contributes.configuration.properties;

/** Every leaf setting of a parsed Settings object, by its `calmCite.` name. */
function leaves(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && prefix !== 'calmCite.diagnostics.severity') {
    for (const [name, child] of Object.entries(value)) leaves(child, `${prefix}.${name}`, into);
  } else into.set(prefix, value);
  return into;
}

test('package.json declares exactly the settings the core reads, with the same defaults', () => {
  const defaults = leaves(parseSettings({}).settings, 'calmCite', new Map());
  // `calmCite.check.rulesPack` has no value until the user sets one; package.json shows the pack that then applies.
  defaults.set('calmCite.check.rulesPack', 'calm-2024');
  assert.deepEqual(Object.keys(declared).sort(), [...defaults.keys()].sort());
  for (const [name, value] of defaults) assert.deepEqual(declared[name]!.default, value, name);
});

test('every citation rule has a severity setting with its default, and no other rule does', () => {
  const severity = declared['calmCite.diagnostics.severity']!.properties!;
  assert.deepEqual(Object.keys(severity).sort(), Object.keys(CITATION_RULES).sort());
  for (const [rule, level] of Object.entries(CITATION_RULES)) assert.equal(severity[rule]!.default, level, rule);
  // A rule id the schema does not know is reported, not silently accepted.
  assert.equal(parseSettings({ diagnostics: { severity: { 'cite/no-such-rule': 'off' } } }).problems.length, 1);
});
