/**
 * sandbox/README.md "From the command line": `npm run sandbox -- --port 8089`, run as written
 * (only the port replaced by a free one), starts the sandbox; and a SIGTERM sent to npm itself
 * (not to its process group, as a service manager or `kill <pid>` does) stops the sandbox: the
 * port is free afterwards and nothing of the group is left running. (The script uses `exec node`,
 * so npm's forwarded signal reaches the sandbox instead of a shell that leaves it behind.)
 */
import { StartedProcess, freePort, groupAlive, portIsFree, withPorts } from './command-process';

jest.setTimeout(120_000);

// As written in sandbox/README.md (test/readme/readme-commands.test.ts keeps the two equal).
const README_SANDBOX = 'npm run sandbox -- --port 8089';

async function gone(pgid: number): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return !groupAlive(pgid);
}

describe('sandbox/README.md: npm run sandbox', () => {
  const started: StartedProcess[] = [];
  afterEach(async () => {
    for (const child of started.splice(0)) await child.stopGroup();
  });

  it('the README command starts the sandbox on the given port, and it answers', async () => {
    const port = await freePort();
    const sandbox = StartedProcess.shell(withPorts(README_SANDBOX, { '8089': port }));
    started.push(sandbox);
    await sandbox.waitFor(new RegExp(`WhatsApp Sandbox listening on http://127\\.0\\.0\\.1:${port}\\b`));
    expect(sandbox.output).toContain('Access token      sandbox-token');
    const response = await fetch(`http://127.0.0.1:${port}/_sandbox/messages`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
  });

  it('a SIGTERM to the npm process stops the sandbox: the port is free and no process is left', async () => {
    const port = await freePort();
    const npm = new StartedProcess('npm', ['run', 'sandbox', '--', '--port', String(port)]);
    started.push(npm);
    await npm.waitFor(/WhatsApp Sandbox listening on/);
    expect(await portIsFree(port)).toBe(false);
    process.kill(npm.pid, 'SIGTERM');
    expect(await npm.exit()).not.toBe('timeout');
    expect(await gone(npm.pid)).toBe(true);
    expect(await portIsFree(port)).toBe(true);
  });
});
