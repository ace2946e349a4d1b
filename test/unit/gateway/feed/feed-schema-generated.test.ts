// schema/generated/feed_generated.ts is what Debian's flatc 2.0.8 makes of schema/feed.fbs today (checked where that flatc is installed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The flatc on PATH, when it is the version the committed code came from. */
function flatc208(): boolean {
  try {
    return execFileSync('flatc', ['--version'], { encoding: 'utf8' }).trim() === 'flatc version 2.0.8';
  } catch {
    return false;
  }
}

describe('generated feed schema code', () => {
  // A build needs no flatc (the output is committed); this catches a schema edit without regenerating.
  it.skipIf(!flatc208())('equals a fresh `flatc --ts --ts-flat-files` of schema/feed.fbs', () => {
    const directory = mkdtempSync(join(tmpdir(), 'zvt-flatc-'));
    execFileSync('flatc', ['--ts', '--ts-flat-files', '-o', directory, join(ROOT, 'schema/feed.fbs')]);
    expect(readFileSync(join(directory, 'feed_generated.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'schema/generated/feed_generated.ts'), 'utf8'));
  });
});
