// Registry of benchmark suites run by bench/run.ts.
import type { BenchSuite } from '../harness.js';
import { ringSuite } from './ring.js';
import { codecSuite } from './codec.js';
import { bookSuite } from './book.js';
import { venuesSuite } from './venues.js';
import { storeSuite } from './store.js';
import { gatewaySuite } from './gateway.js';
import { fixSuite } from './fix.js';
import { ordersWsSuite } from './orders-ws.js';
import { metricsSuite } from './metrics.js';

export const SUITES: BenchSuite[] = [ringSuite, codecSuite, bookSuite, venuesSuite, storeSuite, gatewaySuite, fixSuite, metricsSuite, ordersWsSuite];
