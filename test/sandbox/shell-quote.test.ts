/**
 * Every banner's curl examples quote values with one helper; a real shell must read back exactly
 * the value, whatever quotes, spaces or $ it holds (tokens and JSON bodies do).
 */
import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../sandbox/cli/shell-quote';

describe('shellQuote', () => {
  test.each([
    ['plain', 'Authorization: Bearer sandbox-token'],
    ['JSON with quotes', JSON.stringify({ text: { body: "it's $HOME `date`" } })],
    ['single quotes only', "'''"],
    ['empty', ''],
  ])('%s: sh reads back exactly the value', (_name, value) => {
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
  });

  test('wraps in single quotes and escapes a single quote as close-escape-reopen', () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });
});
