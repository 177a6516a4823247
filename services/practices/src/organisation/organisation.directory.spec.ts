import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SubgraphOrganisationDirectory } from './organisation.directory.js';

describe('the organisation directory', () => {
  it('says SERVICE_UNAVAILABLE when the organisations service cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const directory = new SubgraphOrganisationDirectory(`http://127.0.0.1:${port}/graphql`, undefined);
    await expect(directory.missing(['7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0001'], 'r1')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('says SERVICE_UNAVAILABLE when the organisations service answers with errors', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errors: [{ message: 'boom' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const directory = new SubgraphOrganisationDirectory(`http://127.0.0.1:${port}/graphql`, undefined);
      await expect(directory.missing(['7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0001'], 'r1')).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      expect(await directory.missing([], 'r2')).toEqual(new Set());
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
