import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// One graphql module for sources, Apollo and type-graphql alike: the CommonJS entry Node itself resolves.
const graphql = createRequire(root('./services/common/package.json')).resolve('graphql');

export default defineConfig({
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: graphql },
      { find: /^@radar\/common$/, replacement: root('./services/common/src/index.ts') },
      // Light entry points (what the export CLI loads, so it starts without the ORM or Apollo).
      {
        find: /^@radar\/common\/(command|config|cors|database|errors|export|identity|logger|manifest|signing-keys|subgraph-token)$/,
        replacement: root('./services/common/src/$1.ts'),
      },
      {
        find: /^@radar\/organisations\/codes$/,
        replacement: root('./services/organisations/src/organisation/organisation.codes.ts'),
      },
      { find: /^@radar\/practices\/codes$/, replacement: root('./services/practices/src/practice/practice.codes.ts') },
      { find: /^@radar\/projects\/codes$/, replacement: root('./services/projects/src/project/project.codes.ts') },
      {
        find: /^@radar\/organisations\/fixture$/,
        replacement: root('./services/organisations/src/seed/organisations.fixture.ts'),
      },
      { find: /^@radar\/organisations$/, replacement: root('./services/organisations/src/index.ts') },
      { find: /^@radar\/practices\/fixture$/, replacement: root('./services/practices/src/seed/practices.fixture.ts') },
      { find: /^@radar\/practices$/, replacement: root('./services/practices/src/index.ts') },
      { find: /^@radar\/projects$/, replacement: root('./services/projects/src/index.ts') },
      { find: /^@radar\/exporter$/, replacement: root('./services/exporter/src/index.ts') },
      { find: /^@radar\/gateway\/hive$/, replacement: root('./gateway/src/hive/index.ts') },
      { find: /^@radar\/gateway$/, replacement: root('./gateway/src/index.ts') },
    ],
  },
  test: {
    include: [
      'services/*/src/**/*.spec.ts',
      'services/*/test/**/*.test.ts',
      'gateway/src/**/*.spec.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    server: { deps: { inline: [/type-graphql/] } },
  },
});
