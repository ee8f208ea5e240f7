// `npm test` stops up front on a Node.js outside package.json's engines range.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { satisfiesEngines } from '../../../scripts/test-plan';

test('the ranges package.json uses: a caret on one major, or a floor', () => {
  const range = '^20.19.0 || >=22.12.0';
  expect(satisfiesEngines('20.19.0', range)).toBe(true);
  expect(satisfiesEngines('20.20.2', range)).toBe(true);
  expect(satisfiesEngines('20.18.3', range)).toBe(false);
  expect(satisfiesEngines('21.7.0', range)).toBe(false);
  expect(satisfiesEngines('22.11.0', range)).toBe(false);
  expect(satisfiesEngines('22.12.0', range)).toBe(true);
  expect(satisfiesEngines('v24.1.0', range)).toBe(true);
  expect(satisfiesEngines('18.20.0', range)).toBe(false);
});

test('the range package.json states is one the check understands, and this Node satisfies it', () => {
  const { engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  expect(satisfiesEngines(process.versions.node, engines.node)).toBe(true);
  expect(() => satisfiesEngines('20.0.0', '~20.1')).toThrow('Unsupported engines range');
});
