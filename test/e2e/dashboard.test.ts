// The dashboard in Debian's Chromium (playwright-core) against the whole engine: board synced, ladder equal to a Node feed client's book at the same seq, trades, a forced gap healed by a snapshot, /metrics health, the trading panel (refused key, ticket checks, resting order canceled, market order filled), no page errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedClient } from '../../src/gateway/feed/feed-client.js';
import { simListings } from '../../src/sim/market/sim-catalog.js';
import { SIM_VENUES } from '../../src/sim/market/sim-market-types.js';
import { REPOSITORY_ROOT, ensureBuiltCli, startZvt } from '../integration/cli/built-cli.js';
import { startDashboardGateway, type DashboardGateway } from './dashboard-gateway.js';

const CHROMIUM = '/usr/bin/chromium';
const SEED = 11;
const VENUE_TOPIC = 'book.binance:BTC-USDT';
const CONSOLIDATED_TOPIC = 'book.all:BTC-USDT';
/** Set to write docs/dashboard.png (the screenshot in docs/dashboard.md) from this run. */
const UPDATE_DOCS_SCREENSHOT = process.env.ZVT_UPDATE_DASHBOARD_SCREENSHOT === '1';

interface Engine {
  readonly http: string;
  readonly feed: string;
  readonly mode: 'built zvt demo' | 'in-process gateway';
  /** The demo's REST key (read, trade) and its secret, as `zvt demo --endpoints-json` writes them. */
  readonly apiKey: string;
  readonly apiSecret: string;
  close(): Promise<void>;
}

let directory: string;
let engine: Engine | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-dashboard-'));
  // The page's modules come from the dashboard's own tsconfig, the CLI from the main build: ensureBuiltCli runs both.
  await ensureBuiltCli();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await engine?.close();
  rmSync(directory, { recursive: true, force: true });
});

/** The built `zvt demo`, or with ZVT_DASHBOARD_E2E_ENGINE=in-process (debugging the page without the CLI) the same engine in this process. */
async function startEngine(): Promise<Engine> {
  if (process.env.ZVT_DASHBOARD_E2E_ENGINE === 'in-process') {
    const gateway: DashboardGateway = await startDashboardGateway(SEED, directory);
    return { http: gateway.http, feed: gateway.feed, mode: 'in-process gateway', apiKey: gateway.apiKey, apiSecret: gateway.apiSecret, close: () => gateway.close() };
  }
  const file = join(directory, 'endpoints.json');
  const zvt = startZvt(['--store', `duckdb:${join(directory, 'demo.duckdb')}`, 'demo', '--seed', String(SEED), '--endpoints-json', file], {
    env: { ZVT_DATA_DIR: join(directory, 'data'), ZVT_LOG_LEVEL: 'warn' },
  });
  await zvt.waitForFile(file, 90_000);
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as { http: string; feed: string; apiKey: string | null; apiSecret: string | null };
  if (endpoints.apiKey === null || endpoints.apiSecret === null) throw new Error('zvt demo wrote no REST key');
  return {
    http: endpoints.http,
    feed: endpoints.feed,
    apiKey: endpoints.apiKey,
    apiSecret: endpoints.apiSecret,
    mode: 'built zvt demo',
    async close() {
      zvt.process.kill('SIGINT');
      expect(await zvt.exit, zvt.stderr()).toBe(0);
    },
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A Node reference client's book (top 10, mantissas as text) after every applied message, by topic and seq. */
class BookHistory {
  private readonly books = new Map<string, string>();

  static async connect(url: string, topics: readonly string[]): Promise<{ history: BookHistory; client: FeedClient }> {
    const history = new BookHistory();
    const client: FeedClient = await FeedClient.connect(url, {
      onMessage(message) {
        if (message.type !== 'snapshot' && message.type !== 'delta') return;
        const topic = client.topicNames.get(message.topicId);
        const book = topic === undefined ? undefined : client.books.get(topic);
        if (topic === undefined || book === undefined || book.seq === null) return;
        const top = book.top(10);
        const text = (levels: [bigint, bigint][]): string[][] => levels.map(([price, size]) => [price.toString(), size.toString()]);
        history.books.set(`${topic}@${book.seq}`, JSON.stringify({ bids: text(top.bids), asks: text(top.asks) }));
        // Bounded: the page is compared with recent seqs only.
        if (history.books.size > 50_000) history.books.delete(history.books.keys().next().value!);
      },
    });
    client.subscribe(topics);
    return { history, client };
  }

  at(topic: string, seq: string): string | undefined {
    return this.books.get(`${topic}@${seq}`);
  }
}

/** Runs `expression` in the page. The test program has no DOM types (it shares the Node tsconfig), so page code is text. */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/** Text cells of the rows of a table body, row by row. */
function tableCells(page: Page, selector: string): Promise<string[][]> {
  return inPage(page, `[...document.querySelectorAll(${JSON.stringify(selector)})].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''))`);
}

/** A data-* attribute of every element matching `selector`. */
function dataOf(page: Page, selector: string, name: string): Promise<string[]> {
  return inPage(page, `[...document.querySelectorAll(${JSON.stringify(selector)})].map((node) => node.dataset[${JSON.stringify(name)}] ?? '')`);
}

interface FeedStats {
  snapshotRequests: number;
  gaps: number;
  droppedOnPurpose: number;
}

function feedStats(page: Page): Promise<FeedStats> {
  return inPage(page, `(({ snapshotRequests, gaps, droppedOnPurpose }) => ({ snapshotRequests, gaps, droppedOnPurpose }))(window.zvtDashboard.feed.stats)`);
}

interface LadderState {
  topic: string;
  seq: string;
  book: string;
  gaps: string;
}

/** The ladder's topic, seq and book, read in one go (one render writes them together). */
function ladder(page: Page): Promise<LadderState> {
  return inPage(page, `(({ topic = '', seq = '', book = '', gaps = '' }) => ({ topic, seq, book, gaps }))(document.getElementById('ladder').dataset)`);
}

/** Waits for `count` renders of the page's ladder at seqs the Node client also saw, and checks each equals the Node book at that seq. */
async function expectLadderMatchesNode(page: Page, history: BookHistory, topic: string, count: number, afterSeq = -1n): Promise<bigint> {
  const compared = new Set<string>();
  let last = afterSeq;
  await until(`${count} ladder states of ${topic} comparable with the Node client`, async () => {
    const state = await ladder(page);
    if (state.topic !== topic || state.seq === '' || BigInt(state.seq) <= afterSeq || compared.has(state.seq)) return false;
    const expected = history.at(topic, state.seq);
    if (expected === undefined) return false;
    expect(JSON.parse(state.book), `${topic} at seq ${state.seq}`).toEqual(JSON.parse(expected));
    const book = JSON.parse(state.book) as { bids: string[][]; asks: string[][] };
    expect(book.bids.length, `${topic} bids`).toBeGreaterThan(0);
    expect(book.asks.length, `${topic} asks`).toBeGreaterThan(0);
    compared.add(state.seq);
    last = BigInt(state.seq);
    return compared.size >= count;
  });
  return last;
}

function panelState(page: Page): Promise<string | null> {
  return page.locator('#trading').getAttribute('data-state');
}

/** The ticket's last result: outcome, and the data the panel wrote with it (client order id, status, filled, code). */
function ticketResult(page: Page): Promise<Record<string, string> & { text: string }> {
  return inPage(page, `(() => { const node = document.getElementById('ticket-result'); return { ...node.dataset, text: node.textContent ?? '' }; })()`);
}

/** The orders table row of one client order id (its current one, or the one it had before a cancel): its status, filled quantity and cells. */
async function orderRow(page: Page, clientOrderId: string): Promise<{ status: string; filled: string; cells: string[] } | null> {
  const id = JSON.stringify(clientOrderId);
  const selector = `#orders-body tr[data-client-order-id=${id}], #orders-body tr[data-orig-client-order-id=${id}]`;
  const cells = await tableCells(page, selector);
  if (cells.length === 0) return null;
  return { status: (await dataOf(page, selector, 'status'))[0]!, filled: (await dataOf(page, selector, 'filled'))[0]!, cells: cells[0]! };
}

async function placeFromTicket(page: Page, ticket: { type: 'limit' | 'market'; quantity: string; price?: string }): Promise<void> {
  await page.selectOption('#ticket-side', 'buy');
  await page.selectOption('#ticket-type', ticket.type);
  await page.selectOption('#ticket-tif', 'GTC');
  await page.fill('#ticket-quantity', ticket.quantity);
  if (ticket.price !== undefined) await page.fill('#ticket-price', ticket.price);
  await page.click('#ticket-submit');
}

/**
 * The trading panel on binance:BTC-USDT (the selection): a wrong secret is refused in plain words; the demo key is
 * accepted and kept out of storage; a price off the tick grid is refused by the page, a too small notional by the
 * server (its code shown); a resting limit buy far below the bid is listed as new, canceled from its row, and a
 * market buy fills with its quantity in the table and in positions.
 */
async function exerciseTradingPanel(page: Page, engine: Engine): Promise<void> {
  expect(await panelState(page)).toBe('no-key');
  expect(await page.locator('#ticket-symbol').textContent()).toBe('BTC-USDT');

  await page.fill('#key-id', engine.apiKey);
  await page.fill('#key-secret', `${engine.apiSecret}-wrong`);
  await page.click('#key-use');
  await until('a wrong secret refused', async () => (await panelState(page)) === 'key-refused');
  expect(await page.locator('#trading-state').textContent()).toMatch(/^the gateway refused this key: 401 ZVT_ERR_AUTH_SIGNATURE: /);
  // A refused key is dropped: the form asks for another.
  expect(await page.locator('#key-form').isVisible()).toBe(true);

  await page.fill('#key-id', engine.apiKey);
  await page.fill('#key-secret', engine.apiSecret);
  await page.click('#key-use');
  await until('the demo key accepted', async () => (await panelState(page)) === 'ready');
  expect(await page.inputValue('#key-secret')).toBe('');
  expect(await inPage<number>(page, 'localStorage.length + sessionStorage.length')).toBe(0);
  expect(await page.locator('#key-form').isHidden()).toBe(true);
  await until('the tick grid loaded', async () => (await page.locator('#ticket-grid').textContent())?.includes('tick 0.01') === true);

  // Far below the bid: half of the current best bid, whole units (on the 0.01 grid).
  const book = (await (await fetch(`${engine.http}/v1/books/binance:BTC-USDT?depth=1`)).json()) as { bids: [string, string][] };
  const farBelow = String(BigInt(book.bids[0]![0].split('.')[0]!) / 2n);

  await placeFromTicket(page, { type: 'limit', quantity: '0.001', price: `${farBelow}.005` });
  expect(await ticketResult(page)).toMatchObject({ outcome: 'invalid', text: `not sent: Price ${farBelow}.005 is not a positive multiple of the tick size 0.01` });

  await placeFromTicket(page, { type: 'limit', quantity: '0.00001', price: farBelow });
  await until('the server refusing a small notional', async () => (await ticketResult(page)).outcome === 'refused');
  const small = await ticketResult(page);
  expect(small).toMatchObject({ code: 'ZVT_ERR_REST_ORDER_REJECTED', reason: 'below_minimum' });
  expect(small.text).toContain('refused: 422 ZVT_ERR_REST_ORDER_REJECTED (below_minimum): ');

  await placeFromTicket(page, { type: 'limit', quantity: '0.001', price: farBelow });
  await until('the resting order accepted', async () => (await ticketResult(page)).outcome === 'accepted');
  const resting = await ticketResult(page);
  expect(resting).toMatchObject({ status: 'new', filled: '0' });
  await until('the resting order listed as new', async () => (await orderRow(page, resting.clientOrderId!))?.status === 'new');
  expect((await orderRow(page, resting.clientOrderId!))!.cells.slice(0, 7)).toEqual([resting.clientOrderId, 'BTC-USDT', 'buy', 'limit GTC', farBelow, '0.001', '0']);

  await page.click(`#orders-body tr[data-client-order-id=${JSON.stringify(resting.clientOrderId)}] button.cancel`);
  await until('the resting order canceled', async () => (await orderRow(page, resting.clientOrderId!))?.status === 'canceled');
  const canceled = await ticketResult(page);
  expect(canceled).toMatchObject({ outcome: 'accepted', clientOrderId: resting.clientOrderId, status: 'canceled' });
  // The order carries the cancel's id from now on; the row says which order it was.
  expect((await orderRow(page, resting.clientOrderId!))!.cells[0]).toBe(canceled.cancelClientOrderId);

  await placeFromTicket(page, { type: 'market', quantity: '0.001' });
  await until('the market order answered', async () => (await ticketResult(page)).outcome === 'accepted' && (await ticketResult(page)).clientOrderId !== resting.clientOrderId);
  const market = await ticketResult(page);
  expect(market).toMatchObject({ status: 'filled', filled: '0.001' });
  expect(market.text).toMatch(/: filled, filled 0\.001 of 0\.001; fills 0\.\d+ @ \d+/);
  await until('the market order listed as filled', async () => (await orderRow(page, market.clientOrderId!))?.status === 'filled');
  const filled = (await orderRow(page, market.clientOrderId!))!;
  expect(filled.filled).toBe('0.001');
  expect(filled.cells.slice(0, 7)).toEqual([market.clientOrderId, 'BTC-USDT', 'buy', 'market GTC', 'market', '0.001', '0.001']);
  await until('the position of the fill', async () => (await dataOf(page, '#positions-body tr[data-symbol="BTC-USDT"]', 'quantity'))[0] === '0.001');
}

describe('dashboard', () => {
  it('shows every demo instrument synced, the ladder equal to the feed, trades, a healed gap, /metrics health and trades through the order ticket, without page errors', async () => {
    engine = await startEngine();
    const { history, client } = await BookHistory.connect(engine.feed, [VENUE_TOPIC, CONSOLIDATED_TOPIC]);
    const pageErrors: string[] = [];
    try {
      context = await chromium.launchPersistentContext(join(directory, 'chromium-profile'), {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1600, height: 1000 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console: ${message.text()} (${new URL(message.location().url, engine!.http).pathname})`);
      });
      const response = await page.goto(`${engine.http}/`);
      expect(response?.status()).toBe(200);
      expect(page.url()).toMatch(new RegExp(`^${engine.http}/dashboard/`));

      // Board: every venue instrument of the demo appears and becomes synced.
      const expected = SIM_VENUES.flatMap((venue) => simListings(venue).slice(0, 3).map((listing) => `${venue}:${listing.instrument.canonical}`)).sort();
      await until('every venue instrument synced on the board', async () => {
        const statuses = await dataOf(page, '#board-body tr.venue', 'status');
        return statuses.length === expected.length && statuses.every((status) => status === 'synced');
      }, 90_000);
      expect((await dataOf(page, '#board-body tr.venue', 'instrument')).sort()).toEqual(expected);
      // The consolidated row names a venue at each side once the BBOs are in.
      await until('the consolidated BTC-USDT row with its best-side venues', async () => {
        const row = '#board-body tr[data-instrument="all:BTC-USDT"]';
        const holders = [...(await dataOf(page, row, 'bidHolders')), ...(await dataOf(page, row, 'askHolders'))];
        return holders.length === 2 && holders.every((list) => list.split(',').some((instrument) => instrument.endsWith(':BTC-USDT')));
      });

      // Ladder of binance:BTC-USDT equals the Node client's book at the same seqs.
      const seenSeq = await expectLadderMatchesNode(page, history, VENUE_TOPIC, 5);

      // Trades of the selected instrument.
      await until('trades on the page', async () => Number(await page.locator('#trades').getAttribute('data-count')) > 0, 60_000);
      expect((await tableCells(page, '#trades-body tr')).map((cells) => cells[1])).toContain('binance');

      // A lost delta: the page detects the jump, asks for a snapshot, and its ladder is right again.
      const before = (await feedStats(page)).snapshotRequests;
      await inPage(page, `window.zvtDashboard.dropNextDelta(${JSON.stringify(VENUE_TOPIC)})`);
      await until('the gap detected and a snapshot requested', async () => {
        const stats = await feedStats(page);
        return stats.droppedOnPurpose === 1 && stats.gaps >= 1 && stats.snapshotRequests > before;
      });
      await until('the ladder counting the gap', async () => (await ladder(page)).gaps === '1');
      await expectLadderMatchesNode(page, history, VENUE_TOPIC, 3, seenSeq);

      // The consolidated book, chosen in the select, also equals the Node client's.
      await page.selectOption('#book-select', 'all:BTC-USDT');
      await expectLadderMatchesNode(page, history, CONSOLIDATED_TOPIC, 3);

      // Health: numbers from /metrics.
      await until('the /metrics tables', async () => (await page.locator('#health').getAttribute('data-metrics')) === 'ok');
      await until('a feed row counting this page and the Node client', async () => {
        const rows = await tableCells(page, '[data-table="metrics-feed-gateway-"] tbody tr');
        const connections = rows.find((row) => row[0] === 'connections open');
        const sent = rows.find((row) => row[0] === 'messages sent');
        return connections !== undefined && Number(connections[1]) >= 2 && sent !== undefined && Number(sent[1]!.replace(/,/g, '')) > 0;
      });
      const venueRows = (await tableCells(page, '[data-table="metrics-venues"] tbody tr')).map((cells) => cells[0]);
      expect(venueRows).toEqual(expect.arrayContaining(['binance', 'okx', 'bybit', 'coinbase']));

      await page.selectOption('#book-select', 'binance:BTC-USDT');
      await expectLadderMatchesNode(page, history, VENUE_TOPIC, 1);
      await until('trades again after reselecting', async () => Number(await page.locator('#trades').getAttribute('data-count')) > 0, 60_000);

      await exerciseTradingPanel(page, engine);

      await page.screenshot({ path: join(directory, 'dashboard.png'), fullPage: true });
      if (UPDATE_DOCS_SCREENSHOT) await page.screenshot({ path: join(REPOSITORY_ROOT, 'docs/dashboard.png'), fullPage: true });
      expect(existsSync(join(directory, 'dashboard.png'))).toBe(true);

      // Forget: the key leaves the page and the account tables empty.
      await page.click('#key-forget');
      await until('the key forgotten', async () => (await panelState(page)) === 'no-key');
      expect(await tableCells(page, '#orders-body tr')).toEqual([]);
      expect(await page.inputValue('#key-secret')).toBe('');
    } finally {
      client.close();
    }
    // Chromium logs every HTTP error answer; these are the refusals the trading steps provoke on purpose (wrong secret: both account reads; too small an order).
    const provoked = [
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized) (/v1/orders)',
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized) (/v1/positions)',
      'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity) (/v1/orders)',
    ];
    expect(pageErrors.filter((line) => provoked.includes(line)).sort(), engine.mode).toEqual(provoked);
    expect(pageErrors.filter((line) => !provoked.includes(line)), engine.mode).toEqual([]);
  }, 300_000);
});
