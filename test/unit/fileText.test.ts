import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLibraryBytes } from '../../src/core/library/formats';
import { decodeText, normalizedText, replaceLoneCarriageReturns, textStart } from '../../src/core/text/fileText';

test('normalizedText drops a byte-order mark and makes lone CRs line feeds, keeping every other offset', () => {
  assert.equal(normalizedText('\uFEFFa\rb\r\nc\r'), 'a\nb\r\nc\n');
  const plain = 'no change\r\n';
  assert.equal(normalizedText(plain), plain);
  assert.equal(textStart('\uFEFFx'), 1);
  assert.equal(textStart('x'), 0);
});

test('replaceLoneCarriageReturns leaves a CR at the end of a block alone until the byte after it is known', () => {
  const bytes = new Uint8Array(Buffer.from('a\rb\r\nc\r'));
  assert.equal(replaceLoneCarriageReturns(bytes, bytes.length, false), true);
  assert.equal(Buffer.from(bytes).toString(), 'a\nb\r\nc\r');
  replaceLoneCarriageReturns(bytes, bytes.length, true);
  assert.equal(Buffer.from(bytes).toString(), 'a\nb\r\nc\n');
});

test('decodeText reads UTF-16 by its byte-order mark, else UTF-8', () => {
  assert.equal(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x03, 0xa9])), 'AΩ');
  assert.equal(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00])), 'A');
  assert.equal(decodeText(new Uint8Array(Buffer.from('Zečević'))), 'Zečević');
});

test('CSL-JSON, CSL-YAML and RIS files in UTF-16 with a byte-order mark are decoded', () => {
  const utf16 = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const files: Record<string, string> = {
    'a.json': '[{"id": "zečević", "title": "Ω"}]',
    'a.yaml': '- id: zečević\n  title: Ω\n',
    'a.ris': 'TY  - JOUR\r\nID  - zečević\r\nTI  - Ω\r\nER  - \r\n',
  };
  for (const [file, text] of Object.entries(files)) {
    const result = readLibraryBytes(file, utf16(text));
    assert.deepEqual(result.errors, [], file);
    assert.deepEqual(result.references.map((reference) => [reference.key, reference.title]), [['zečević', 'Ω']], file);
  }
});
