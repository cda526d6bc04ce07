// Builds the n8n community package into dist/: one CommonJS bundle per node and credential with
// core and zod inside, so the published package has no runtime dependencies. n8n-workflow is the
// only external (n8n provides it); the bundle is refused if it would require anything else.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
// What a bundle may require at runtime: n8n's own package and Node's crypto (both allowed by n8n's rules).
const ALLOWED_REQUIRES = new Set(['n8n-workflow', 'crypto', 'node:crypto']);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const sources = [...walk(join(root, 'nodes')), ...walk(join(root, 'credentials'))];
const entryPoints = sources.filter((file) => /\.(node|credentials)\.ts$/.test(file));
const assets = sources.filter((file) => /\.(svg|png)$/.test(file) || /\.node\.json$/.test(file));

rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints,
  outbase: root,
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['n8n-workflow'],
  sourcemap: false,
  legalComments: 'inline',
  metafile: true,
  logLevel: 'warning',
});

const problems = [];
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  for (const imported of output.imports) {
    if (imported.external && !ALLOWED_REQUIRES.has(imported.path)) problems.push(`${file} requires "${imported.path}"`);
  }
}
if (problems.length > 0) {
  console.error(`The n8n bundles must not require anything but ${[...ALLOWED_REQUIRES].join(', ')}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

for (const asset of assets) {
  const target = join(out, relative(root, asset));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(asset, target);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
const missing = declared.filter((file) => !Object.keys(result.metafile.outputs).includes(file));
if (missing.length > 0) {
  console.error(`package.json lists files the build did not produce: ${missing.join(', ')}`);
  process.exit(1);
}
const sizes = Object.entries(result.metafile.outputs).map(([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`n8n package built:\n  ${sizes.join('\n  ')}`);
