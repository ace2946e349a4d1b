// Paths of the shared real exchange recordings (../shared/data/recordings, read-only).
import { fileURLToPath } from 'node:url';

export const RECORDINGS_DIR = fileURLToPath(new URL('../../../shared/data/recordings/', import.meta.url));
export const BINANCE_RECORDING = `${RECORDINGS_DIR}BINANCE.jsonl.gz`;
export const BYBIT_RECORDING = `${RECORDINGS_DIR}BYBIT.jsonl.gz`;
export const COINBASE_RECORDING = `${RECORDINGS_DIR}COINBASE.jsonl.gz`;
export const ALL_RECORDINGS = [BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING];
