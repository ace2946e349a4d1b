// Entry module of the dashboard page: connects the binary feed, keeps the board, ladder and trades current, polls /metrics, renders on a timer, runs the trading panel.
import type { DecodedFeedMessage } from '../../feed/feed-decoder.js';
import { ArrivalLatency } from './arrival-latency.js';
import { renderBoard } from './board-view.js';
import { DashboardFeed } from './dashboard-feed.js';
import { byId, element } from './dom.js';
import { summarizeHealth, type MetricsScrape } from './health-summary.js';
import { renderHealth, type MetricsState } from './health-view.js';
import { renderLadder } from './ladder-view.js';
import { MarketBoard, splitInstrument, type InstrumentInfo } from './market-board.js';
import { parsePrometheusText } from './prometheus-text.js';
import { TradingPanel } from './trading-panel.js';
import { MAX_TRADES, renderTrades, type TradeLine } from './trades-view.js';

/** Redraw at most this often; a busy book changes hundreds of times a second and nobody reads that fast. */
const RENDER_INTERVAL_MS = 100;
/** Ages tick even when nothing arrives. */
const AGE_REFRESH_MS = 500;
const METRICS_INTERVAL_MS = 2_000;
const DEFAULT_SELECTION = 'binance:BTC-USDT';

const board = new MarketBoard();
const latency = new ArrivalLatency();
let trades: TradeLine[] = [];
let selected: string | null = null;
let dirty = true;
let lastRenderMs = 0;
let metricsState: MetricsState = { kind: 'pending' };
let previousScrape: MetricsScrape | null = null;

const feedUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/feed`;
const feed = new DashboardFeed(feedUrl, {
  onConnection(state, detail) {
    const badge = byId('connection');
    badge.textContent = `feed ${state}`;
    badge.title = detail;
    badge.dataset.state = state;
    dirty = true;
  },
  onInstruments(instruments) {
    board.setInstruments(instruments);
    feed.subscribe(instruments.flatMap((info) => (info.instrument.startsWith('all:') ? [`bbo.${info.instrument}`] : [`status.${info.instrument}`, `bbo.${info.instrument}`])));
    fillSelect(instruments);
    const wanted = decodeURIComponent(location.hash.replace(/^#book=/, ''));
    const known = (instrument: string): boolean => instruments.some((info) => info.instrument === instrument);
    const first = instruments.find((info) => !info.instrument.startsWith('all:'))?.instrument ?? instruments[0]?.instrument ?? null;
    select(selected !== null && known(selected) ? selected : known(wanted) ? wanted : known(DEFAULT_SELECTION) ? DEFAULT_SELECTION : first);
  },
  onTopicMessage(topic, message) {
    onTopicMessage(topic, message);
  },
  onFeedError(code, message, topic) {
    const errors = byId('feed-errors');
    errors.prepend(element('li', { text: `${new Date().toISOString().slice(11, 19)} ${code}${topic === null ? '' : ` (${topic})`}: ${message}` }));
    while (errors.childElementCount > 5) errors.lastElementChild?.remove();
  },
});

const trading = new TradingPanel({
  clockOffsetMs: () => {
    const { lastHeartbeatServerNs, lastHeartbeatPageMs } = feed.stats;
    return lastHeartbeatServerNs === null || lastHeartbeatPageMs === null ? null : lastHeartbeatPageMs - Number(lastHeartbeatServerNs / 1_000_000n);
  },
});

function onTopicMessage(topic: string, message: DecodedFeedMessage): void {
  const nowMs = performance.now();
  if (board.onMessage(topic, message, nowMs)) dirty = true;
  if ('tsRecvNs' in message && message.type !== 'status') latency.record(message.tsRecvNs, performance.timeOrigin + nowMs);
  if (message.type === 'trade') {
    const instrument = topic.slice(topic.indexOf('.') + 1);
    const info = board.instrument(instrument);
    if (info === undefined) return;
    trades.unshift({ instrument, ...message, priceDecimals: info.priceDecimals, sizeDecimals: info.sizeDecimals });
    if (trades.length > MAX_TRADES) trades.length = MAX_TRADES;
    dirty = true;
  } else if (message.type === 'snapshot' || message.type === 'delta') {
    if (selected !== null && topic === `book.${selected}`) dirty = true;
  }
}

/** Topics that follow the selection: its book, and its trades (all venue instruments of the canonical for `all:`). */
function selectionTopics(instrument: string): string[] {
  const { venue, canonical } = splitInstrument(instrument);
  if (venue !== 'all') return [`book.${instrument}`, `trades.${instrument}`];
  return [`book.${instrument}`, ...board.venueInstruments().filter((quote) => quote.canonical === canonical).map((quote) => `trades.${quote.instrument}`)];
}

function select(instrument: string | null): void {
  if (instrument === selected) return;
  if (selected !== null) feed.unsubscribe(selectionTopics(selected));
  selected = instrument;
  trades = [];
  trading.setInstrument(instrument);
  if (instrument !== null) {
    feed.subscribe(selectionTopics(instrument));
    history.replaceState(null, '', `#book=${encodeURIComponent(instrument)}`);
    byId<HTMLSelectElement>('book-select').value = instrument;
  }
  dirty = true;
}

function fillSelect(instruments: readonly InstrumentInfo[]): void {
  const options = [...instruments].sort((left, right) => left.instrument.localeCompare(right.instrument)).map((info) => element('option', { text: info.instrument }));
  byId<HTMLSelectElement>('book-select').replaceChildren(...options);
}

function render(): void {
  const nowMs = performance.now();
  if (!dirty && nowMs - lastRenderMs < AGE_REFRESH_MS) return;
  dirty = false;
  lastRenderMs = nowMs;
  renderBoard(byId<HTMLTableSectionElement>('board-body'), board.groups(), selected, nowMs, select);
  if (selected !== null) {
    const info = board.instrument(selected);
    renderLadder(byId('ladder'), byId('ladder-title'), {
      topic: `book.${selected}`,
      replica: feed.books.get(`book.${selected}`),
      priceDecimals: info?.priceDecimals ?? 0,
      sizeDecimals: info?.sizeDecimals ?? 0,
      gaps: feed.stats.gaps,
    });
    byId('trades-title').textContent = `Trades · ${selected.startsWith('all:') ? `every venue of ${selected.slice(4)}` : selected}`;
  }
  const tradesBody = byId<HTMLTableSectionElement>('trades-body');
  renderTrades(tradesBody, trades);
  byId('trades').dataset.count = String(trades.length);
  renderHealth(byId('health'), feed.stats, latency, metricsState);
  const clock = feed.stats.lastHeartbeatServerNs;
  byId('server-clock').textContent = clock === null ? 'server clock –' : `server ${new Date(Number(clock / 1_000_000n)).toISOString().slice(11, 19)} UTC`;
}

async function pollMetrics(): Promise<void> {
  try {
    const response = await fetch('/metrics', { cache: 'no-store' });
    if (response.status === 404) {
      metricsState = { kind: 'absent', detail: 'GET /metrics answered 404 (the gateway serves no REST API yet)' };
      setRestBadge(false);
    } else if (!response.ok) {
      metricsState = { kind: 'error', detail: `GET /metrics answered ${response.status}` };
    } else {
      const scrape: MetricsScrape = { families: parsePrometheusText(await response.text()).families, atMs: performance.now() };
      metricsState = { kind: 'ok', tables: summarizeHealth(scrape, previousScrape) };
      previousScrape = scrape;
      setRestBadge(true);
    }
  } catch (error: unknown) {
    metricsState = { kind: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
  dirty = true;
}

function setRestBadge(mounted: boolean): void {
  const badge = byId('rest');
  badge.textContent = mounted ? 'REST mounted' : 'REST not mounted';
  badge.dataset.state = mounted ? 'open' : 'closed';
  trading.setRestMounted(mounted);
}

/** Console and test handle: `zvtDashboard.dropNextDelta('book.binance:BTC-USDT')` simulates a lost message. */
interface DashboardHandle {
  readonly feed: DashboardFeed;
  select(instrument: string): void;
  dropNextDelta(topic: string): void;
}
declare global {
  interface Window {
    zvtDashboard?: DashboardHandle;
  }
}

byId<HTMLSelectElement>('book-select').addEventListener('change', (event) => select((event.target as HTMLSelectElement).value));
window.zvtDashboard = { feed, select, dropNextDelta: (topic) => feed.dropNextDelta(topic) };
trading.start();
feed.start();
setInterval(render, RENDER_INTERVAL_MS);
void pollMetrics();
setInterval(() => void pollMetrics(), METRICS_INTERVAL_MS);
