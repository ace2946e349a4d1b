// Runs actors in a separate engine process (test/fixtures/store/engine-process.ts) that a test can kill outright.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ActorSpec } from '../../src/actors/actor.js';
import type { RecorderStats } from '../../src/actors/recorder-actor.js';
import type { Config } from '../../src/config/config-schema.js';

const ENTRY = fileURLToPath(new URL('../fixtures/store/engine-process.ts', import.meta.url));

export interface EngineProcess {
  recorderStats(): Promise<RecorderStats>;
  /** Graceful: every actor's stop(), then exit. */
  stop(): Promise<void>;
  /** SIGKILL: no stop(), no flush, no exit handlers. */
  kill(): Promise<void>;
}

export async function startEngineProcess(specs: ActorSpec[], config: Config): Promise<EngineProcess> {
  const child: ChildProcess = fork(ENTRY, [JSON.stringify({ specs, config })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (stats: RecorderStats) => void>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { kind: string; id?: number; stats?: RecorderStats }) => {
      if (message.kind === 'ready') resolve();
      else if (message.kind === 'stats') pending.get(message.id!)?.(message.stats!);
    });
    child.once('exit', (code) => reject(new Error(`engine process exited with ${code} before it was ready`)));
  });
  await ready;
  return {
    recorderStats() {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ kind: 'stats', id });
      });
    },
    async stop() {
      const exited = once(child, 'exit');
      child.send({ kind: 'stop' });
      await exited;
    },
    async kill() {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
