// Polls a TCP port until something accepts connections, or gives up with a clear error.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const DEFAULT_PORT_WAIT_MS = 15_000;

function tryConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(
  port: number,
  host = '127.0.0.1',
  timeoutMs = DEFAULT_PORT_WAIT_MS,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await tryConnect(port, host)) return;
    await sleep(50);
  }
  throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
}
