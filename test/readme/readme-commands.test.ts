/**
 * README.md's commands are all run by CI as written: every shell command in its code blocks and
 * numbered steps has an entry in README_COMMAND_RUNNERS, whose file contains that exact command
 * and is run by .ci/run. A command added to the README without a runner fails here, and so does a
 * runner whose command the README no longer shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CI_ENTRY_FOR_RUNNER, README_COMMAND_RUNNERS, REPO_ROOT, extractReadmeCommands, readReadme } from './readme-commands';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

describe('README commands are run by CI as written', () => {
  const commands = extractReadmeCommands(readReadme());

  it('finds the commands of the two commands, the install and the five-minute bot', () => {
    const sections = new Set(commands.map((entry) => entry.section));
    expect(sections).toEqual(new Set(['The two commands', 'Install', 'Build a bot in five minutes (no Meta account)']));
  });

  it('every README command has a runner, and every runner a README command', () => {
    const inReadme = commands.map((entry) => entry.command);
    const withoutRunner = inReadme.filter((command) => !(command in README_COMMAND_RUNNERS));
    const notInReadme = Object.keys(README_COMMAND_RUNNERS).filter((command) => !inReadme.includes(command));
    expect({ withoutRunner, notInReadme }).toEqual({ withoutRunner: [], notInReadme: [] });
  });

  it.each(Object.entries(README_COMMAND_RUNNERS))('%s: run as written by %s', (command, runner) => {
    expect(read(runner)).toContain(command);
  });

  it('.ci/run runs every runner', () => {
    const ci = read('.ci/run');
    for (const runner of new Set(Object.values(README_COMMAND_RUNNERS))) {
      if (runner !== '.ci/run') expect(ci).toContain(CI_ENTRY_FOR_RUNNER[runner]);
    }
  });

  it('.ci/run runs the two commands in the README order: npm ci, npm start answering initialize, npm test', () => {
    const lines = read('.ci/run').split('\n').map((line) => line.trim());
    const at = (line: RegExp): number => lines.findIndex((candidate) => line.test(candidate));
    const install = at(/^npm ci$/);
    const start = at(/node scripts\/check-npm-start\.mjs$/);
    const test = at(/^npm test$/);
    expect([install, start, test].every((index) => index >= 0)).toBe(true);
    expect(install).toBeLessThan(start);
    expect(start).toBeLessThan(test);
  });

  it('the end-to-end config picks up the README bot suite', () => {
    const config = require(join(REPO_ROOT, 'test/e2e-n8n/jest.config.js')) as { testMatch: string[] };
    expect(config.testMatch).toEqual(['**/*.e2e.ts']);
  });
});

describe('extractReadmeCommands', () => {
  const sample = [
    '## Quick start',
    '',
    '```sh',
    'npm ci          # installs',
    "curl -X POST http://x -d '{\"a\":\"#not a comment\"}' \\",
    '  -H "x: y"',
    '```',
    '',
    '```ts',
    "import x from 'y';",
    '```',
    '',
    '1. Run `npm run sandbox -- --port 1`, then pick `sandbox-token`.',
    '   Then `curl http://x/inside-step`.',
    '2. Step two:',
    '',
    '   ```bash',
    '   node a.js',
    '   ```',
    '',
    'A paragraph that mentions `npm run bench` is prose, not a step.',
  ].join('\n');

  it('takes shell code blocks (comments and continuations removed) and command spans of numbered steps only', () => {
    expect(extractReadmeCommands(sample).map((entry) => entry.command)).toEqual([
      'npm ci',
      `curl -X POST http://x -d '{"a":"#not a comment"}' -H "x: y"`,
      'npm run sandbox -- --port 1',
      'curl http://x/inside-step',
      'node a.js',
    ]);
  });

  it('a command added to the README without a runner is reported', () => {
    const readme = `${readReadme()}\n\n## New section\n\n\`\`\`sh\nnpm run something-new\n\`\`\`\n`;
    const missing = extractReadmeCommands(readme)
      .map((entry) => entry.command)
      .filter((command) => !(command in README_COMMAND_RUNNERS));
    expect(missing).toEqual(['npm run something-new']);
  });
});
