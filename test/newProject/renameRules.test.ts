// The rename rules one spelling at a time: which form each place gets, and what stays because it names kit code.
import { projectName } from '../../packages/create-rampart/src/projectName';
import { leftovers, renameText } from '../../packages/create-rampart/src/renameRules';

const name = projectName('acme-api');

it.each([
  ['package.json', '"name": "rampart",', '"name": "acme-api",'],
  ['Pulumi.dev.yaml', '  rampart:natGateways: single', '  acme-api:natGateways: single'],
  ['infra/index.ts', 'const name = `rampart-${config.stack}`;', 'const name = `acme-api-${config.stack}`;'],
  [
    'infra/index.ts',
    "databaseName: 'rampart', username: 'rampart',",
    "databaseName: 'acme_api', username: 'acme_api',",
  ],
  [
    'infra/config.ts',
    "const rampart = new pulumi.Config('rampart');",
    "const acmeApi = new pulumi.Config('acme-api');",
  ],
  ['infra/config.ts', 'raw[key] = rampart.get(key);', 'raw[key] = acmeApi.get(key);'],
  [
    'bench/run.ts',
    '.map((part) => ({ part, rampart: ms(rampart, part) }))',
    '.map((part) => ({ part, acmeApi: ms(acmeApi, part) }))',
  ],
  [
    '.env.example',
    '# DATABASE_URL=postgres://rampart@host:5432/rampart',
    '# DATABASE_URL=postgres://acme_api@host:5432/acme_api',
  ],
  ['src/auth/sessionCookie.ts', "'__Host-rampart_session'", "'__Host-acme_api_session'"],
  ['src/server.ts', '`Rampart API listening on`', '`Acme Api API listening on`'],
  ['README.md', '# Rampart', '# Acme Api'],
  ['test/x.ts', 'process.env.RAMPART_TEST_SERVER_URL', 'process.env.RAMPART_TEST_SERVER_URL'],
  ['src/resources/index.ts', '// rampart:resource-imports', '// rampart:resource-imports'],
  [
    'infra/network.ts',
    "super('rampart:network:Network', name, {}, opts);",
    "super('acme-api:network:Network', name, {}, opts);",
  ],
  [
    'infra/loadBalancer.ts',
    "super('rampart:loadBalancer:LoadBalancer', name, {}, opts);",
    "super('acme-api:loadBalancer:LoadBalancer', name, {}, opts);",
  ],
  [
    'infra/test/pulumiRunners.test.ts',
    ".filter((r) => r.type.startsWith('rampart:'))",
    ".filter((r) => r.type.startsWith('acme-api:'))",
  ],
  ['infra/policies/index.ts', "new PolicyPack('rampart', {", "new PolicyPack('acme-api', {"],
  [
    'infra/test/pulumiRunners.test.ts',
    "expect(info.getName()).toBe('rampart');",
    "expect(info.getName()).toBe('acme-api');",
  ],
  [
    'infra/test/stackInvariants.ts',
    "toEqual({ user: 'rampart', password: '' });",
    "toEqual({ user: 'acme_api', password: '' });",
  ],
  ['infra/policies/rds.ts', "name: 'RAMPART_RDS_GP3',", "name: 'RAMPART_RDS_GP3',"],
  ['infra/test/policies.test.ts', '/^(CKV2?_AWS_\\d+|RAMPART_[A-Z0-9_]+)$/', '/^(CKV2?_AWS_\\d+|RAMPART_[A-Z0-9_]+)$/'],
  [
    'infra/policies/policies.ts',
    'export const rampartPolicies: RampartPolicy[] = [',
    'export const rampartPolicies: RampartPolicy[] = [',
  ],
  [
    '.github/workflows/ci.yml',
    '# CI for a project made from Rampart: install',
    '# CI for a project made from Rampart: install',
  ],
])('%s: %s', (file, before, after) => {
  expect(renameText(file, before, name)).toBe(after);
  expect(leftovers(renameText(file, before, name))).toEqual([]);
});

it('reports a product `rampart` that no rule renamed, with its line', () => {
  expect(leftovers('ok\nconst cookie = "rampart_session";\n')).toEqual(['2: const cookie = "rampart_session";']);
});
