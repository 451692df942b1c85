import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { fetchDownload } from '../../../source/aws/evidence/preserve-function.js';
import { setLimits } from '../../../source/trail/limits.js';

afterAll(() => setLimits({}));

it('a code download that drips a byte every 50 ms ends at the request timeout, said plainly', async () => {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-length': 1_000_000 });
    const drip = setInterval(() => response.write('x'), 50);
    response.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  setLimits({ requestTimeout: 300 });
  const started = performance.now();
  try {
    await expect(fetchDownload(`http://127.0.0.1:${port}/code.zip`)).rejects.toThrow(
      'code download did not finish within 300 ms (request timeout; --limit request-timeout=600ms to allow longer)',
    );
    expect(performance.now() - started).toBeLessThan(3000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}, 10_000);
