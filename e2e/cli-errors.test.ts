// The longhaul command refuses bad input with a message saying what to do, and exit code 2.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, REPO_ROOT } from '@longhaul/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(REPO_ROOT, 'libs/cli/bin/longhaul.js');

async function fails(args: string[], env: Record<string, string> = {}) {
  const dir = makeTempDir('cli');
  try {
    await run(process.execPath, [CLI, ...args, '--dir', dir.path], {
      env: { ...process.env, NATS_URL: '', DATABASE_URL: '', ...env },
    });
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  } finally {
    dir.remove();
  }
  throw new Error(`longhaul ${args.join(' ')} succeeded`);
}

describe('longhaul command errors', () => {
  it.each([
    [['up', '--port', '0'], /edge port "0" is not a TCP port \(1-65535\)/],
    [['up', '--port', 'http'], /edge port "http" is not a TCP port/],
    [['status'], /set NATS_URL, or run this where `longhaul up` is running/],
    [['token', 'list'], /set DATABASE_URL/],
    [['token', 'create', '--workspace', 'w'], /token create needs --workspace W and --roles R/],
    [['token', 'rotate'], /unknown token command "rotate"; use create, list or revoke/],
    [['deploy'], /unknown command "deploy"/],
    [['up', '--colour'], /Unknown option '--colour'/],
  ])('longhaul %j', async (args, message) => {
    const { code, stderr } = await fails(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('says when NATS cannot be reached', async () => {
    const { stderr } = await fails(['status'], { NATS_URL: 'nats://127.0.0.1:1' });
    expect(stderr).toMatch(/cannot reach NATS at nats:\/\/127.0.0.1:1 .*is `longhaul up` running\?/);
  });

  it('refuses a bad subject prefix for status', async () => {
    const { stderr } = await fails(['status'], {
      NATS_URL: 'nats://127.0.0.1:1',
      LONGHAUL_SUBJECT_PREFIX: 'a-b',
    });
    expect(stderr).toMatch(/subject prefix "a-b" must be/);
  });
});
