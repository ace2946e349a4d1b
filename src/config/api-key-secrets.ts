// Resolves the configured REST API keys (gateway.apiKeys) to keys with secrets, read from the environment variables they name; the secrets never enter the frozen Config.
import { ZvtError } from '../model/errors.js';
import type { ApiKeyConfig, Config } from './config-schema.js';
import { ZVT_ERR_CONFIG_SECRET } from './errors.js';

/** A key with its secret: what src/gateway/auth's ApiKeyOptions expects (same fields). */
export interface ResolvedApiKeyConfig {
  readonly keyId: string;
  readonly secret: string;
  readonly accountId: string;
  readonly permissions: ApiKeyConfig['permissions'];
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly burst: number } | undefined;
}

const MIN_SECRET_LENGTH = 16;

/**
 * Reads each key's secret from `source` (process.env by default: DESIGN §3 keeps process.env
 * inside src/config). The Config holds only the variable's name, so `zvt config` and the workers'
 * copies never see a secret. Throws ZVT_ERR_CONFIG_SECRET naming the key and the variable.
 */
export function resolveApiKeySecrets(config: Config, source: Readonly<Record<string, string | undefined>> = process.env): ResolvedApiKeyConfig[] {
  return (config.gateway?.apiKeys ?? []).map((key, index) => {
    const secret = source[key.secretEnv];
    const where = `gateway.apiKeys[${index}] (keyId ${JSON.stringify(key.keyId)})`;
    if (secret === undefined || secret === '') throw new ZvtError(ZVT_ERR_CONFIG_SECRET, `${where}: environment variable ${key.secretEnv} is not set`, { keyId: key.keyId, secretEnv: key.secretEnv });
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ZvtError(ZVT_ERR_CONFIG_SECRET, `${where}: environment variable ${key.secretEnv} must hold at least ${MIN_SECRET_LENGTH} characters (has ${secret.length})`, { keyId: key.keyId, secretEnv: key.secretEnv });
    }
    return { keyId: key.keyId, secret, accountId: key.accountId, permissions: key.permissions, ...(key.rateLimit === undefined ? {} : { rateLimit: key.rateLimit }) };
  });
}
