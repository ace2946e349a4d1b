// The recording reader against the real shared sessions, and against malformed files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../helpers/recordings.js';

function writeRecording(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'zvt-recording-')), 'x.jsonl.gz');
  writeFileSync(path, gzipSync(lines.join('\n')));
  return path;
}

describe('loadRecording', () => {
  it('loads the Binance session: one combined-stream connection and five REST responses', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    expect(recording.venue).toBe('binance');
    expect(recording.http.map((http) => new URL(http.url).pathname)).toEqual(['/api/v3/exchangeInfo', '/api/v3/depth', '/api/v3/depth', '/api/v3/depth', '/api/v3/depth']);
    expect(recording.connections).toHaveLength(1);
    expect(recording.connections[0]!.address).toMatch(/^wss:\/\/stream\.binance\.com:9443\/stream\?streams=nknusdt@depth@100ms\//);
    expect(recording.connections[0]!.frames.filter((frame) => frame.direction === 'recv')).toHaveLength(265);
  });

  it('keeps the Bybit linear and spot connections apart, with their subscriptions', async () => {
    const recording = await loadRecording(BYBIT_RECORDING);
    expect(recording.connections.map((connection) => new URL(connection.address).pathname)).toEqual(['/v5/public/linear', '/v5/public/spot']);
    const [linear, spot] = recording.connections;
    expect(linear!.frames.filter((frame) => frame.direction === 'send')).toHaveLength(17);
    expect(spot!.frames.filter((frame) => frame.direction === 'send')).toHaveLength(7);
    expect(linear!.frames.filter((frame) => frame.direction === 'recv')).toHaveLength(2546);
    expect(spot!.frames.filter((frame) => frame.direction === 'recv')).toHaveLength(681);
  });

  it('loads the Coinbase session', async () => {
    const recording = await loadRecording(COINBASE_RECORDING);
    expect(recording.venue).toBe('coinbase');
    expect(recording.connections[0]!.frames.filter((frame) => frame.direction === 'recv')).toHaveLength(1030);
  });

  it('names the file and line of a malformed event', async () => {
    const header = '{"t":"header","format":2,"exchange":"BYBIT","recorded":1}';
    await expect(loadRecording(writeRecording([header, '{"t":"recv","conn":"a","ts":1,"data":"x"}']))).rejects.toThrow(/x\.jsonl\.gz:2: "recv" on connection "a" before its "connect"/);
    await expect(loadRecording(writeRecording([header, '{"t":"recv","conn":"a","ts":"soon","data":"x"}']))).rejects.toThrow(/:2: "recv" event needs a number "ts"/);
    await expect(loadRecording(writeRecording([header, 'not json']))).rejects.toThrow(/:2: invalid JSON/);
    await expect(loadRecording(writeRecording(['{"t":"header","format":1,"exchange":"BYBIT","recorded":1}']))).rejects.toThrow(/unsupported recording format 1/);
    await expect(loadRecording(writeRecording(['{"t":"connect","conn":"a","ts":1,"addr":"wss://x"}']))).rejects.toThrow(/:1: the first line must be the "header" event/);
    await expect(loadRecording(writeRecording(['{"t":"header","format":2,"exchange":"KRAKEN","recorded":1}']))).rejects.toThrow(/unknown exchange "KRAKEN"/);
    await expect(loadRecording('/nonexistent/file.jsonl.gz')).rejects.toMatchObject({ code: 'ZVT_ERR_RECORDING_READ' });
  });
});
