// `longhaul up` started as a user would: embedded NATS and Postgres, dev token, MCP calls, CLI commands, restarts, Ctrl-C.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '@longhaul/runtime';
import { connectMcpClient, makeTempDir, REPO_ROOT } from '@longhaul/testing';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(REPO_ROOT, 'libs/cli/bin/longhaul.js');

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('longhaul up', () => {
  it('starts the mesh on embedded defaults and serves MCP with the dev token until Ctrl-C', async () => {
    const dir = makeTempDir('up');
    const port = await freePort();
    const env = { ...process.env, NATS_URL: '', DATABASE_URL: '' };
    const up = spawn(process.execPath, [CLI, 'up', '--dir', dir.path, '--port', String(port)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    up.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    up.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => up.once('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 90_000;
      while (!output.includes('Press Ctrl-C')) {
        if (up.exitCode !== null) throw new Error(`longhaul up exited:\n${output}`);
        if (Date.now() > until) throw new Error(`longhaul up did not get ready:\n${output}`);
        await sleep(100);
      }
      const endpoint = `http://127.0.0.1:${port}/mcp`;
      expect(output).toContain(`Longhaul MCP endpoint: ${endpoint}`);
      const tokenFile = join(dir.path, 'dev-token');
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(output).toContain(
        `claude mcp add --transport http longhaul ${endpoint} --header "Authorization: Bearer $(cat '${tokenFile}')"`,
      );
      expect(output).not.toContain(token);
      expect(output).toContain('bearer_token_env_var = "LONGHAUL_TOKEN"');

      // An agent connects with the dev token; the mesh service's tools arrive once it has registered.
      await using mcp = await connectMcpClient(endpoint, token);
      let names: string[] = [];
      for (let i = 0; i < 100 && !names.includes('mesh_status'); i += 1) {
        names = (await mcp.client.listTools()).tools.map((t) => t.name);
        if (!names.includes('mesh_status')) await sleep(100);
      }
      expect(names).toContain('mesh_status');
      const status = await mcp.client.callTool({ name: 'mesh_status', arguments: {} });
      expect(status.isError).toBeFalsy();
      const body = status.structuredContent as {
        services: Array<{ service: string }>;
        natsServerVersion: string;
      };
      expect(body.services.map((s) => s.service)).toContain('mesh');
      expect(body.natsServerVersion).toMatch(/^\d+\.\d+/);

      // The embedded nats-server admits only holders of the token in the state directory.
      const state = JSON.parse(readFileSync(join(dir.path, 'state.json'), 'utf8')) as { natsUrl: string };
      await expect(connect({ servers: state.natsUrl, reconnect: false })).rejects.toThrow(/Authorization/i);
      expect(statSync(join(dir.path, 'nats-token')).mode & 0o777).toBe(0o600);
      const withToken = await connect({
        servers: state.natsUrl,
        token: readFileSync(join(dir.path, 'nats-token'), 'utf8').trim(),
      });
      await withToken.close();

      // CLI commands find the running mesh through the state directory.
      const cli = (...args: string[]) => run(process.execPath, [CLI, ...args, '--dir', dir.path], { env });
      const statusText = (await cli('status')).stdout;
      expect(statusText).toMatch(/mesh\s+1 instance/);
      expect(statusText).toContain('mesh_status');
      const created = (
        await cli('token', 'create', '--workspace', 'team-a', '--roles', 'reader', '--ttl', '1h')
      ).stdout.trim();
      expect(created).toMatch(/^lh_/);
      await using reader = await connectMcpClient(endpoint, created);
      expect((await reader.client.listTools()).tools.length).toBeGreaterThan(0);
      const id = created.split('_')[1] ?? '';
      expect((await cli('token', 'list')).stdout).toContain(id);
      await cli('token', 'revoke', id);
      await expect(cli('token', 'revoke', id)).rejects.toThrow(/no active token/);
      const badTtl = await cli(
        'token',
        'create',
        '--workspace',
        'w',
        '--roles',
        'reader',
        '--ttl',
        'soon',
      ).catch((e: Error) => e);
      expect(String(badTtl)).toMatch(/is not a duration/);

      // A service that dies is restarted.
      const meshChild = childPids(up.pid ?? 0).find((pid) =>
        commandOf(pid).includes('services/mesh/src/main.ts'),
      );
      expect(meshChild).toBeDefined();
      process.kill(meshChild ?? 0, 'SIGKILL');
      let restarted: number | undefined;
      for (let i = 0; i < 100 && !restarted; i += 1) {
        await sleep(100);
        restarted = childPids(up.pid ?? 0).find(
          (pid) => pid !== meshChild && commandOf(pid).includes('services/mesh/src/main.ts'),
        );
      }
      expect(restarted).toBeDefined();
      expect(output).toMatch(/mesh exited \(SIGKILL\); restarting/);

      // Ctrl-C stops every child, NATS and Postgres.
      const children = childPids(up.pid ?? 0);
      expect(children.length).toBeGreaterThanOrEqual(4);
      up.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const pid of children) expect(alive(pid), commandOf(pid)).toBe(false);
    } finally {
      if (up.exitCode === null) up.kill('SIGKILL');
      dir.remove();
    }
  });
});
