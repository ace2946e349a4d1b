// createLogger: JSON lines at the configured level, component bindings on child loggers.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/config/logger.js';

function captureStream(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level label, time, pid, bindings and message', () => {
    const capture = captureStream();
    const logger = createLogger({ log: { level: 'info' } }, { component: 'supervisor' }, capture.stream);
    logger.info({ worker: 'main-worker', restarts: 1 }, 'worker restarted');
    const [line] = capture.lines();
    expect(line).toMatchObject({
      level: 'info',
      pid: process.pid,
      component: 'supervisor',
      worker: 'main-worker',
      restarts: 1,
      msg: 'worker restarted',
    });
    expect(typeof line?.time).toBe('string');
    expect(Number.isNaN(Date.parse(String(line?.time)))).toBe(false);
  });

  it('drops lines below the configured level, and logs nothing when silent', () => {
    const capture = captureStream();
    const logger = createLogger({ log: { level: 'warn' } }, {}, capture.stream);
    logger.info('not shown');
    logger.debug('not shown');
    logger.warn('shown');
    logger.error('shown too');
    expect(capture.lines().map((line) => line.level)).toEqual(['warn', 'error']);

    const silentCapture = captureStream();
    createLogger({ log: { level: 'silent' } }, {}, silentCapture.stream).fatal('nothing');
    expect(silentCapture.lines()).toEqual([]);
  });

  it('child loggers per component carry their own bindings', () => {
    const capture = captureStream();
    const root = createLogger({ log: { level: 'debug' } }, { worker: 'books' }, capture.stream);
    root.child({ component: 'recorder' }).debug('flushed');
    expect(capture.lines()).toEqual([expect.objectContaining({ level: 'debug', worker: 'books', component: 'recorder', msg: 'flushed' })]);
  });
});
