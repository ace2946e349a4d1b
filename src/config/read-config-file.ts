// Reads a JSON configuration file into a config layer; any failure is ZVT_ERR_CONFIG_FILE naming the file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ZvtError } from '../model/errors.js';
import type { ConfigLayer } from './config-layer.js';
import { ZVT_ERR_CONFIG_FILE } from './errors.js';

/** The file's top-level JSON object as a layer; the path is resolved against the working directory. */
export function readConfigFile(file: string): ConfigLayer {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    const code = errorCode(error);
    throw new ZvtError(ZVT_ERR_CONFIG_FILE, `cannot read config file ${path}: ${describeReadError(code, error)}`, {
      file: path,
      ...(code === undefined ? {} : { cause: code }),
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZvtError(ZVT_ERR_CONFIG_FILE, `config file ${path} is not valid JSON: ${reason}`, { file: path });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data;
    throw new ZvtError(ZVT_ERR_CONFIG_FILE, `config file ${path} must hold a JSON object (got ${got})`, { file: path });
  }
  return { source: `config file ${path}`, data: data as Record<string, unknown> };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function describeReadError(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file (ENOENT)';
    case 'EACCES':
      return 'permission denied (EACCES)';
    case 'EISDIR':
      return 'is a directory (EISDIR)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
