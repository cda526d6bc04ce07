/**
 * The shell commands the READMEs (the root one, mcp/, sandbox/, examples/) tell a reader to type,
 * and what runs each of them in CI, or why it cannot (a real Meta account). readme-commands.test.ts
 * keeps each README and its tables equal, so a command added to a README without something that runs
 * it (or a stated exemption) fails `npm test`.
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
const COMMAND_WORDS = ['npm', 'npx', 'node', 'curl', 'bash', 'sh', 'mkdir', 'cd', 'git', 'n8n', 'docker', 'tar', 'cloudflared', 'ngrok'];
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

/** The READMEs whose commands CI runs, relative to the repository. */
export const READMES = ['README.md', 'mcp/README.md', 'sandbox/README.md', 'examples/README.md'] as const;
export type ReadmePath = (typeof READMES)[number];

export function readReadme(path: ReadmePath = 'README.md'): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/**
 * Each README command, and the file (relative to the repository) that runs it exactly as written;
 * the test checks that the file's executable code (not a comment) contains the command text, and
 * that CI runs the file.
 */
export const README_COMMAND_RUNNERS: Readonly<Record<ReadmePath, Readonly<Record<string, string>>>> = {
  'README.md': {
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
  },
  'mcp/README.md': {
    // "Quick start": the same two commands as the root README's.
    'npm ci': '.ci/run',
    'npm start': 'scripts/check-npm-start.mjs',
  },
  'sandbox/README.md': {
    // "From the command line".
    'npm ci': '.ci/run',
    'npm run sandbox -- --port 8089': 'test/readme/sandbox-readme.test.ts',
  },
  'examples/README.md': {
    // "Try them without a Meta account": the sandbox command and the customer's two curl lines.
    'npm run sandbox -- --port 8089 --no-window --callback-url http://localhost:5678/webhook/6b1f3c55-8a43-4a4e-9c1e-5f0d1e2a7b01/webhook --app-secret my-app-secret --verify-token my-verify-token':
      'test/readme/examples-readme.test.ts',
    [`curl -s localhost:8089/_sandbox/inbound -H 'content-type: application/json' -d '{"from":"15551234567","text":"hi"}'`]:
      'test/readme/examples-readme.test.ts',
    "curl -s 'localhost:8089/_sandbox/messages?to=15551234567'": 'test/readme/examples-readme.test.ts',
  },
};

/**
 * README commands nothing here can run as written, each with the reason. Only what needs a real
 * Meta account or another external service belongs here.
 */
export const README_COMMAND_EXEMPTIONS: Readonly<Record<ReadmePath, Readonly<Record<string, string>>>> = {
  'README.md': {},
  'mcp/README.md': {
    // "With a real Meta app", step 1.
    'WHATSAPP_PROVIDER=cloud WHATSAPP_ACCESS_TOKEN=EAAG... WHATSAPP_PHONE_NUMBER_ID=106540352242922 WHATSAPP_WABA_ID=102290129340398 WHATSAPP_APP_SECRET=<App Dashboard → App settings → Basic → App secret> WHATSAPP_VERIFY_TOKEN=<any random string you choose> MCP_AUTH_TOKEN=<a long random string> node mcp/bin/whatsapp-business-mcp.js --http':
      "needs a real Meta app: its access token, phone number id, WABA id and app secret (the same server against the sandbox is `npm start`, run by scripts/check-npm-start.mjs; the Cloud provider's variables are tested in test/mcp/providers/)",
    // Step 2: a public HTTPS tunnel to /webhook, for Meta to reach.
    'cloudflared tunnel --url http://127.0.0.1:8787':
      'an external service: a Cloudflare tunnel (its binary and network access to Cloudflare), only needed so a real Meta app can reach /webhook',
    'ngrok http 8787': 'an external service: an ngrok account and its agent, only needed so a real Meta app can reach /webhook',
  },
  'sandbox/README.md': {},
  'examples/README.md': {},
};

/** What .ci/run must invoke for each runner file to run (the runner itself, or what runs it). */
export const CI_ENTRY_FOR_RUNNER: Readonly<Record<string, string>> = {
  'scripts/check-npm-start.mjs': 'node scripts/check-npm-start.mjs',
  'test/e2e-n8n/run.sh': 'bash test/e2e-n8n/run.sh',
  'test/e2e-n8n/harness.ts': 'bash test/e2e-n8n/run.sh',
  'test/e2e-n8n/readme-bot.e2e.ts': 'bash test/e2e-n8n/run.sh',
  'test/readme/sandbox-readme.test.ts': 'npm test',
  'test/readme/examples-readme.test.ts': 'npm test',
};

/**
 * A runner's executable code as the places a command can sit: for TypeScript and JavaScript the
 * contents of its string literals (comments dropped), for shell scripts each line without its
 * `# comment`. A command that appears only in a comment is in none of them.
 */
export function executableTexts(source: string, path: string): string[] {
  if (/\.(ts|mjs|cjs|js)$/.test(path)) return stringLiterals(source);
  return source
    .split('\n')
    .map((line) => withoutComment(line.trim()))
    .filter((line) => line !== '');
}

/**
 * The contents of every '...', "..." and `...` literal outside comments (a template literal's
 * `${...}` parts split it). A `/` where an expression starts opens a regular expression literal,
 * skipped so that a quote inside one (`/'/g`) does not open a string.
 */
export function stringLiterals(source: string): string[] {
  const literals: string[] = [];
  let at = 0;
  let previous = ''; // the last character of code before `at`, spaces left out
  while (at < source.length) {
    const char = source[at];
    const next = source[at + 1];
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '/' && next !== '/' && next !== '*' && (previous === '' || '(,=:[!&|?{};+-*%<>~^'.includes(previous))) {
      at += 1;
      let inClass = false;
      while (at < source.length && source[at] !== '\n' && (inClass || source[at] !== '/')) {
        if (source[at] === '\\') at += 1;
        else if (source[at] === '[') inClass = true;
        else if (source[at] === ']') inClass = false;
        at += 1;
      }
      at += 1;
      previous = '/';
      continue;
    }
    if (char === '/' && next === '/') {
      const end = source.indexOf('\n', at);
      at = end < 0 ? source.length : end;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', at + 2);
      at = end < 0 ? source.length : end + 2;
    } else if (char === "'" || char === '"' || char === '`') {
      let text = '';
      at += 1;
      while (at < source.length && source[at] !== char) {
        if (source[at] === '\\') {
          text += source[at + 1] ?? '';
          at += 2;
        } else if (char === '`' && source[at] === '$' && source[at + 1] === '{') {
          // The expression is code, not text: close this piece, skip to the matching brace.
          literals.push(text);
          text = '';
          let depth = 1;
          at += 2;
          while (at < source.length && depth > 0) {
            if (source[at] === '{') depth += 1;
            else if (source[at] === '}') depth -= 1;
            at += 1;
          }
        } else {
          text += source[at];
          at += 1;
        }
      }
      literals.push(text);
      at += 1;
      previous = char;
    } else {
      previous = char;
      at += 1;
    }
  }
  return literals;
}
