import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnHttpServer } from '../helpers/spawn-server';

/**
 * The MCP bearer token is a secret: the server says where it is kept, never what it is, on its first
 * start (when it generates it), on later starts, and when the operator sets MCP_AUTH_TOKEN.
 */

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-token-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('a fresh --http start generates the token into a 0600 file and prints only where it is and how to read it', async () => {
  const file = join(dataDir, 'http-auth-token');
  for (let start = 0; start < 2; start += 1) {
    const server = await spawnHttpServer(['--data-dir', dataDir], {});
    const stderr = server.stderr();
    await server.stop();
    const token = (await readFile(file, 'utf8')).trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Checked on everything the process wrote to stderr up to and after its endpoint line.
    expect(server.stderr()).not.toContain(token);
    expect(stderr).toContain(`cat ${file}`);
    if (start === 0) expect(stderr).toContain(`generated a bearer token for MCP clients and stored it in ${file} (mode 0600`);
  }
}, 60000);

it('with MCP_AUTH_TOKEN set, nothing of it is printed', async () => {
  const token = 'operator-chosen-token-4f1c9a7e2b';
  const server = await spawnHttpServer(['--data-dir', dataDir], { MCP_AUTH_TOKEN: token });
  await server.stop();
  expect(server.stderr()).toContain('MCP endpoint:');
  expect(server.stderr()).not.toContain(token);
  expect(server.stderr()).not.toContain(token.slice(0, 8));
}, 30000);
