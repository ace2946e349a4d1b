// The engine's version, read from package.json at run time (same answer from src/ under tsx and from dist/).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'zvt-engine';

/** `version` of the nearest package.json named zvt-engine above this file. */
export function readPackageVersion(): string {
  // Walk up rather than hard-code "../../": this file sits one level deeper under dist/ than under src/.
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = readManifest(join(directory, 'package.json'));
    if (manifest?.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`package.json of ${PACKAGE_NAME} not found above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
