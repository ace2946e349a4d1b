// One source of configuration values (defaults, file, an environment variable, a flag) before merging.

/** A partial configuration object and where it came from, for error messages ("[config file /etc/zvt.json]"). */
export interface ConfigLayer {
  readonly source: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** How a textual value (environment variable or flag) is turned into configuration data. */
export type BoundValueType = 'string' | 'integer' | 'boolean';

/** A layer that sets the single key at `path` to `raw`, parsed as `type`. */
export function singleValueLayer(source: string, path: readonly string[], type: BoundValueType, raw: string): ConfigLayer {
  let data: unknown = parseBoundValue(type, raw);
  for (let index = path.length - 1; index >= 0; index--) {
    data = { [path[index] ?? '']: data };
  }
  return { source, data: data as Record<string, unknown> };
}

function parseBoundValue(type: BoundValueType, raw: string): unknown {
  const text = raw.trim();
  switch (type) {
    case 'string':
      return raw;
    case 'integer':
      // Leave anything that is not plainly an integer as the string, so the schema reports it with its rule.
      return /^[+-]?\d+$/.test(text) ? Number(text) : raw;
    case 'boolean':
      if (/^(?:true|1|yes|on)$/i.test(text)) return true;
      if (/^(?:false|0|no|off)$/i.test(text)) return false;
      return raw;
  }
}
