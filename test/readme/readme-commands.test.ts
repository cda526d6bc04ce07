/**
 * The READMEs' commands are all run by CI as written: every shell command in the code blocks and
 * numbered steps of README.md, mcp/README.md, sandbox/README.md and examples/README.md has an entry
 * in README_COMMAND_RUNNERS, whose file has that exact command in its executable code (a string
 * literal or a script line, never only a comment) and is run by .ci/run; or an entry in
 * README_COMMAND_EXEMPTIONS saying why it cannot run here (a real Meta account). A command added to
 * a README without either fails here, and so does a table entry the README no longer shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CI_ENTRY_FOR_RUNNER,
  READMES,
  README_COMMAND_EXEMPTIONS,
  README_COMMAND_RUNNERS,
  REPO_ROOT,
  executableTexts,
  extractReadmeCommands,
  readReadme,
  stringLiterals,
  type ReadmePath,
} from './readme-commands';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** Commands of a README that have neither a runner nor an exemption. */
function unaccounted(readme: ReadmePath, markdown: string): string[] {
  return extractReadmeCommands(markdown)
    .map((entry) => entry.command)
    .filter((command) => !(command in README_COMMAND_RUNNERS[readme]) && !(command in README_COMMAND_EXEMPTIONS[readme]));
}

const runnerEntries = READMES.flatMap((readme) => Object.entries(README_COMMAND_RUNNERS[readme]).map(([command, runner]) => [readme, command, runner] as const));

describe('README commands are run by CI as written', () => {
  it('finds the commands of the two commands, the install and the five-minute bot in README.md', () => {
    const sections = new Set(extractReadmeCommands(readReadme()).map((entry) => entry.section));
    expect(sections).toEqual(new Set(['The two commands', 'Install', 'Build a bot in five minutes (no Meta account)']));
  });

  it('finds the commands of the quick starts of mcp/, sandbox/ and examples/', () => {
    const sections = (readme: ReadmePath) => new Set(extractReadmeCommands(readReadme(readme)).map((entry) => entry.section));
    expect(sections('mcp/README.md')).toEqual(new Set(['Quick start', 'With a real Meta app']));
    expect(sections('sandbox/README.md')).toEqual(new Set(['From the command line']));
    expect(sections('examples/README.md')).toEqual(new Set(['Try them without a Meta account']));
  });

  it.each(READMES)('%s: every command has a runner or an exemption, and every table entry a command', (readme) => {
    const inReadme = extractReadmeCommands(readReadme(readme)).map((entry) => entry.command);
    const listed = [...Object.keys(README_COMMAND_RUNNERS[readme]), ...Object.keys(README_COMMAND_EXEMPTIONS[readme])];
    const notInReadme = listed.filter((command) => !inReadme.includes(command));
    const both = Object.keys(README_COMMAND_RUNNERS[readme]).filter((command) => command in README_COMMAND_EXEMPTIONS[readme]);
    expect({ withoutRunner: unaccounted(readme, readReadme(readme)), notInReadme, both }).toEqual({ withoutRunner: [], notInReadme: [], both: [] });
  });

  it('every exemption gives its reason: a real Meta account or another external service', () => {
    for (const readme of READMES) {
      for (const reason of Object.values(README_COMMAND_EXEMPTIONS[readme])) expect(reason).toMatch(/real Meta|external service/);
    }
  });

  it.each(runnerEntries)('%s: `%s` is run as written by %s (in its executable code, not a comment)', (_readme, command, runner) => {
    expect(executableTexts(read(runner), runner).some((text) => text.includes(command))).toBe(true);
  });

  it('.ci/run runs every runner', () => {
    const ci = executableTexts(read('.ci/run'), '.ci/run');
    for (const [, , runner] of runnerEntries) {
      if (runner !== '.ci/run') expect({ runner, run: ci.some((line) => line.includes(CI_ENTRY_FOR_RUNNER[runner])) }).toEqual({ runner, run: true });
    }
  });

  it('the runners that are jest tests are picked up by `npm test` (jest.config.js)', () => {
    const config = require(join(REPO_ROOT, 'jest.config.js')) as { roots: string[]; testMatch: string[] };
    expect(config.testMatch).toEqual(['**/*.test.ts']);
    expect(config.roots).toEqual(['<rootDir>/test']);
    for (const [runner, entry] of Object.entries(CI_ENTRY_FOR_RUNNER)) {
      if (entry === 'npm test') expect(runner).toMatch(/^test\/.*\.test\.ts$/);
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

describe('a command only in a comment of its runner does not count', () => {
  it('TypeScript: only string literals outside comments count', () => {
    const source = [
      "// npm run in-a-line-comment",
      "/* npm run in-a-block-comment */",
      "const pattern = /'npm run in-a-regex/g;",
      "const a = 'npm run single' + \"npm run double\";",
      "const b = `npm run template ${'npm run nested'} tail`;",
      "const c = 1 / 2; const d = 'npm run after-division';",
    ].join('\n');
    // A template literal's `${...}` is code: its text pieces count, the expression does not.
    expect(stringLiterals(source)).toEqual(['npm run single', 'npm run double', 'npm run template ', ' tail', 'npm run after-division']);
    const found = (command: string) => executableTexts(source, 'runner.ts').some((text) => text.includes(command));
    expect(found('npm run in-a-line-comment')).toBe(false);
    expect(found('npm run in-a-block-comment')).toBe(false);
    expect(found('npm run in-a-regex')).toBe(false);
    expect(found('npm run single')).toBe(true);
    expect(found('npm run template')).toBe(true);
  });

  it('shell: comment lines and trailing comments do not count', () => {
    const script = ['# npm run in-a-comment', 'npm ci  # npm run trailing', 'echo "# npm run quoted"'].join('\n');
    expect(executableTexts(script, '.ci/run')).toEqual(['npm ci', 'echo "# npm run quoted"']);
  });

  it('each README runner fails the check when its command is moved into a comment', () => {
    for (const [, command, runner] of runnerEntries) {
      const commented = /\.(ts|mjs)$/.test(runner) ? `// ${command}\n` : `# ${command}\n`;
      const source = read(runner).split(command).join('');
      expect(executableTexts(`${commented}${source}`, runner).some((text) => text.includes(command))).toBe(false);
    }
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

  it.each(READMES)('%s: a command added without a runner or exemption is reported', (readme) => {
    const markdown = `${readReadme(readme)}\n\n## New section\n\n\`\`\`sh\nnpm run something-new\n\`\`\`\n\n1. Then \`curl http://127.0.0.1:8089/new-step\`.\n`;
    expect(unaccounted(readme, markdown)).toEqual(['npm run something-new', 'curl http://127.0.0.1:8089/new-step']);
  });
});
