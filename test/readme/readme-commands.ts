/**
 * The shell commands README.md tells a reader to type, and what runs each of them in CI.
 * readme-commands.test.ts keeps README.md and README_COMMAND_RUNNERS equal, so a command added to
 * the README without something that runs it fails `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ReadmeCommand {
  /** The command as written (comments and line continuations removed). */
  command: string;
  /** The `##`/`###` heading it appears under. */
  section: string;
}

/** Words a shell command in a numbered step starts with (an inline `code` span that begins with one is a command). */
const COMMAND_WORDS = ['npm', 'npx', 'node', 'curl', 'bash', 'sh', 'mkdir', 'cd', 'git', 'n8n', 'docker', 'tar'];
const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console']);

/** Drops a trailing `# comment` (a `#` after whitespace, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (at === 0 || /\s/.test(line[at - 1]))) {
      return line.slice(0, at).trimEnd();
    }
  }
  return line.trimEnd();
}

function isCommandSpan(text: string): boolean {
  const first = text.trim().split(/\s+/)[0];
  return COMMAND_WORDS.includes(first);
}

/**
 * Every command in a shell code block (```sh, ```bash, ```shell, also inside list items), and every
 * inline code span in a numbered step that starts with a command word, in README order.
 */
export function extractReadmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const lines = markdown.split('\n');
  let section = '';
  let fence: { shell: boolean; marker: string } | null = null;
  let pending = '';
  let inNumberedStep = false;
  for (const raw of lines) {
    const trimmed = raw.trim();
    if (fence) {
      if (trimmed.startsWith(fence.marker)) {
        if (pending) commands.push({ command: pending, section });
        pending = '';
        fence = null;
        continue;
      }
      if (!fence.shell) continue;
      const line = withoutComment(trimmed);
      if (!line && !pending) continue;
      const continued = line.endsWith('\\');
      pending = `${pending}${pending ? ' ' : ''}${continued ? line.slice(0, -1).trim() : line}`;
      if (!continued && pending) {
        commands.push({ command: pending, section });
        pending = '';
      }
      continue;
    }
    const opening = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(trimmed);
    if (opening) {
      fence = { marker: opening[1], shell: SHELL_FENCES.has(opening[2].toLowerCase()) };
      continue;
    }
    const heading = /^#{2,3}\s+(.*)$/.exec(raw);
    if (heading) {
      section = heading[1].trim();
      inNumberedStep = false;
      continue;
    }
    // A numbered step runs from its "N. " line through indented or blank lines.
    if (/^\d+\.\s/.test(raw)) inNumberedStep = true;
    else if (trimmed !== '' && !/^\s/.test(raw)) inNumberedStep = false;
    if (inNumberedStep) {
      for (const span of raw.matchAll(/`([^`]+)`/g)) {
        if (isCommandSpan(span[1])) commands.push({ command: span[1].trim(), section });
      }
    }
  }
  return commands;
}

export function readReadme(): string {
  return readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
}

/**
 * Each README command, and the file (relative to the repository) that runs it in CI exactly as
 * written; the test checks that the file contains the command text and that CI runs the file.
 */
export const README_COMMAND_RUNNERS: Readonly<Record<string, string>> = {
  // "The two commands": .ci/run runs them in this order on the clean checkout.
  'npm ci': '.ci/run',
  'npm start': 'scripts/check-npm-start.mjs',
  'npm test': '.ci/run',
  // "Install" (manual): run.sh builds and packs, the harness installs the tarball in every real n8n.
  'npm run build && npm pack': 'test/e2e-n8n/run.sh',
  'mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes': 'test/e2e-n8n/harness.ts',
  'npm install --legacy-peer-deps /path/to/n8n-nodes-whatsapp-business-0.1.0.tgz': 'test/e2e-n8n/harness.ts',
  // "Build a bot in five minutes": every step, in order, in a real n8n.
  'npm run sandbox -- --port 8089 --app-secret dev-secret --verify-token dev-verify': 'test/e2e-n8n/readme-bot.e2e.ts',
  [`curl -X POST http://127.0.0.1:8089/_sandbox/inbound -H 'content-type: application/json' -d '{"from":"16505551234","text":"hi"}'`]:
    'test/e2e-n8n/readme-bot.e2e.ts',
  'curl http://127.0.0.1:8089/_sandbox/messages': 'test/e2e-n8n/readme-bot.e2e.ts',
};

/** What .ci/run must invoke for each runner file to run (the runner itself, or what runs it). */
export const CI_ENTRY_FOR_RUNNER: Readonly<Record<string, string>> = {
  'scripts/check-npm-start.mjs': 'node scripts/check-npm-start.mjs',
  'test/e2e-n8n/run.sh': 'bash test/e2e-n8n/run.sh',
  'test/e2e-n8n/harness.ts': 'bash test/e2e-n8n/run.sh',
  'test/e2e-n8n/readme-bot.e2e.ts': 'bash test/e2e-n8n/run.sh',
};
