// Holds a DuckDB file's lock from another process (test/fixtures/store/duckdb-lock-holder.mjs).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const HOLDER = fileURLToPath(new URL('../fixtures/store/duckdb-lock-holder.mjs', import.meta.url));

export interface DuckDbLock {
  /** Closes the database in the holder process and waits for it to exit. */
  release(): Promise<void>;
}

export async function holdDuckDbLock(path: string): Promise<DuckDbLock> {
  const child: ChildProcess = fork(HOLDER, [path], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => [{ kind: 'exited' }])])) as [{ kind: string }];
  if (message.kind !== 'locked') throw new Error(`lock holder did not take the lock (${message.kind})`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      const exited = once(child, 'exit');
      child.send('release');
      await exited;
    },
  };
}
