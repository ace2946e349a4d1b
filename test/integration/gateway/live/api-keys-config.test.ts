// gateway.apiKeys in the configuration (key id, secret by environment variable name, account, permissions) and resolveApiKeySecrets: what `zvt start` mounts REST with.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveApiKeySecrets } from '../../../../src/config/api-key-secrets.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import { resolveAuthOptions } from '../../../../src/gateway/auth/auth-options.js';
import { isZvtError } from '../../../../src/model/errors.js';

const directory = mkdtempSync(join(tmpdir(), 'zvt-api-keys-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function configWith(gateway: unknown): ReturnType<typeof loadConfig> {
  const file = join(directory, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ gateway }));
  return loadConfig({ file, env: {} });
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const DESK = { keyId: 'desk-1', secretEnv: 'DESK1_API_SECRET', accountId: 'binance-main', permissions: ['read', 'trade'], rateLimit: { requestsPerSecond: 5, burst: 10 } };

describe('gateway.apiKeys', () => {
  it('is optional; configured keys resolve with their secrets from the environment into valid auth options', () => {
    expect(loadConfig({ env: {} }).gateway).toBeUndefined();
    expect(resolveApiKeySecrets(loadConfig({ env: {} }), {})).toEqual([]);
    const config = configWith({ apiKeys: [DESK, { keyId: 'loader', secretEnv: 'LOADER_SECRET', accountId: 'none', permissions: ['ingest'] }] });
    // The secret is not in the configuration (workers and `zvt config` see only the variable's name).
    expect(JSON.stringify(config)).not.toContain('0123456789abcdef');
    const keys = resolveApiKeySecrets(config, { DESK1_API_SECRET: '0123456789abcdef-desk', LOADER_SECRET: '0123456789abcdef-load' });
    expect(keys).toEqual([
      { keyId: 'desk-1', secret: '0123456789abcdef-desk', accountId: 'binance-main', permissions: ['read', 'trade'], rateLimit: { requestsPerSecond: 5, burst: 10 } },
      { keyId: 'loader', secret: '0123456789abcdef-load', accountId: 'none', permissions: ['ingest'] },
    ]);
    expect(resolveAuthOptions({ keys }).keys.get('desk-1')?.permissions).toEqual(new Set(['read', 'trade']));
  });

  it('refuses malformed keys with one line per problem, duplicates included', () => {
    const error = thrown(() => configWith({ apiKeys: [{ ...DESK, permissions: ['admin'] }, { ...DESK, secretEnv: '1BAD' }, { keyId: 'x', secretEnv: 'S', accountId: '', permissions: [] }] }));
    expect(isZvtError(error, 'ZVT_ERR_CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('gateway.apiKeys[0].permissions[0]: must be a non-empty list of read, trade, ingest');
    expect(message).toContain('gateway.apiKeys[1].secretEnv: must be the name of an environment variable');
    expect(message).toContain('gateway.apiKeys[2].accountId: must be a non-empty string');
    expect(message).toContain('gateway.apiKeys[2].permissions: must be a non-empty list');
    expect(isZvtError(thrown(() => configWith({ apiKeys: [{ ...DESK, secret: 'inline secrets are refused' }] })), 'ZVT_ERR_CONFIG_INVALID')).toBe(true);
    // Once every key is well-formed, a key id used twice is the one problem.
    const duplicate = thrown(() => configWith({ apiKeys: [DESK, { ...DESK, secretEnv: 'OTHER' }] }));
    expect((duplicate as Error).message).toContain('gateway.apiKeys[1].keyId: must be 1 to 64 characters of A-Z a-z 0-9 _ . -, unique among gateway.apiKeys');
  });

  it('a key whose variable is unset or too short is ZVT_ERR_CONFIG_SECRET naming the key and the variable', () => {
    const config = configWith({ apiKeys: [DESK] });
    const unset = thrown(() => resolveApiKeySecrets(config, {}));
    expect(isZvtError(unset, 'ZVT_ERR_CONFIG_SECRET')).toBe(true);
    expect((unset as Error).message).toBe('gateway.apiKeys[0] (keyId "desk-1"): environment variable DESK1_API_SECRET is not set');
    const short = thrown(() => resolveApiKeySecrets(config, { DESK1_API_SECRET: 'short' }));
    expect((short as Error).message).toBe('gateway.apiKeys[0] (keyId "desk-1"): environment variable DESK1_API_SECRET must hold at least 16 characters (has 5)');
  });
});
