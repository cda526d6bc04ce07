/**
 * README.md "Tests" states how many jest test files `npm test` runs; this keeps that number equal
 * to the files jest.config.js picks up (every *.test.ts under test/), so it cannot go stale when a
 * test file is added or removed. The number is read from the README sentence, never written here.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, readReadme } from './readme-commands';

/** The "(N files)" of the sentence "`npm test` runs N jest tests (M files)" in the "Tests" section. */
export function statedTestFiles(markdown: string): number {
  const section = /^## Tests\n([\s\S]*?)(?=^## )/m.exec(markdown);
  if (!section) throw new Error('README.md has no "## Tests" section');
  const sentence = /`npm test` runs ([\d,]+) jest tests \(([\d,]+) files\)/.exec(section[1]);
  if (!sentence) throw new Error('README.md "Tests" does not say "`npm test` runs N jest tests (M files)"');
  return Number(sentence[2].replace(/,/g, ''));
}

/** Files under `dir` (relative to the repository) whose name ends in `.test.ts`, node_modules left out. */
function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...testFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(relative(REPO_ROOT, path));
  }
  return found;
}

describe('README.md "Tests": the stated number of test files', () => {
  it('jest.config.js runs every *.test.ts under test/ (the glob counted here)', () => {
    const config = require(join(REPO_ROOT, 'jest.config.js')) as { roots: string[]; testMatch: string[]; testPathIgnorePatterns?: string[] };
    expect({ roots: config.roots, testMatch: config.testMatch, ignored: config.testPathIgnorePatterns }).toEqual({
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      ignored: undefined,
    });
  });

  it('equals the number of test files jest runs', () => {
    const files = testFiles(join(REPO_ROOT, 'test'));
    expect({ stated: statedTestFiles(readReadme()), files: files.length }).toEqual({ stated: files.length, files: files.length });
  });

  it('reads the number from the sentence, and fails when the sentence is gone', () => {
    expect(statedTestFiles('## Tests\n\n`npm test` runs 2,567 jest tests (1,108 files) in 60 s.\n\n## Next\n')).toBe(1108);
    expect(() => statedTestFiles('## Tests\n\nSome tests.\n\n## Next\n')).toThrow('does not say');
    expect(() => statedTestFiles('## Other\n')).toThrow('no "## Tests" section');
  });
});
