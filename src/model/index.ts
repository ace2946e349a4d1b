// src/model public surface: ids, enums, fixed-point numbers, timestamps, instruments, record layouts.

export * from './errors.js';
export * from './venue.js';
export * from './instrument-kind.js';
export * from './symbol.js';
export * from './instrument-id.js';
export * from './instrument.js';
export * from './instrument-registry.js';
export * from './fixed-point.js';
export * from './timestamp.js';
export * from './record-types.js';
export * from './record-views.js';
export * from './record-header.js';
export * from './book-level-record.js';
export * from './book-batch-end-record.js';
export * from './snapshot-begin-record.js';
export * from './snapshot-end-record.js';
export * from './trade-record.js';
export * from './bbo-record.js';
export * from './gap-record.js';
export * from './instrument-status-record.js';
export * from './market-record.js';
