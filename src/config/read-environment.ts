// The only reader of process.env in the engine (DESIGN §3): a snapshot of the ZVT_* variables.
import type { ConfigEnvironment } from './environment-bindings.js';

/**
 * Copies the ZVT_* variables out of process.env, frozen. Only those: the snapshot may end up in error
 * details and logs, and unrelated variables (tokens, keys) must not travel with it.
 */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): ConfigEnvironment {
  const snapshot: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name.startsWith('ZVT_') && value !== undefined) snapshot[name] = value;
  }
  return Object.freeze(snapshot);
}
