// The trading panel: an API key held in page memory, the order ticket for the selected venue instrument's symbol (signed POST /v1/orders), the key's orders with cancel buttons and its positions, refreshed on an interval and after each action.
import { describeAnswer, KEY_REFUSAL_CODES, SignedRest, type RestAnswer } from './signed-rest.js';
import { parseOrders, parsePositions, type ListedOrder } from './account-rows.js';
import { renderOrders, renderPositions } from './account-view.js';
import { byId } from './dom.js';
import { splitInstrument } from './market-board.js';
import { checkTicket, type InstrumentGrid } from './order-ticket-check.js';
import { RequestSigner } from './request-signer.js';

/** How often the account tables are read while a key is in memory. */
const REFRESH_INTERVAL_MS = 2_000;
/** The server's answer codes that are about REST itself, not this key or this order. */
const ORDERS_UNAVAILABLE = 'ZVT_ERR_REST_ORDERS_UNAVAILABLE';

/** What the panel says about trading from here; also its `data-state` for tools and tests. */
type PanelState = 'no-key' | 'checking' | 'ready' | 'key-refused' | 'no-rest' | 'no-orders' | 'error';
type Outcome = 'pending' | 'accepted' | 'refused' | 'invalid' | 'error';

/** Venue-style key ids are long; the panel shows the start (the whole id is in the label's title). */
function shortKey(keyId: string): string {
  return keyId.length > 14 ? `${keyId.slice(0, 12)}…` : keyId;
}

export interface TradingPanelOptions {
  /** Page clock − server clock in ms from the feed's heartbeats, for the hint when the server refuses a timestamp. */
  readonly clockOffsetMs: () => number | null;
}

export class TradingPanel {
  private rest: SignedRest | null = null;
  /** Bumped on every key change, so answers for a forgotten key are dropped. */
  private generation = 0;
  private instrument: string | null = null;
  private readonly grids = new Map<string, InstrumentGrid | string>();
  private restMounted: boolean | null = null;
  private orders: ListedOrder[] = [];
  private readonly canceling = new Set<string>();
  private refreshing = false;
  private orderCounter = 0;

  constructor(private readonly options: TradingPanelOptions) {}

  start(): void {
    byId<HTMLFormElement>('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.useKey();
    });
    byId('key-forget').addEventListener('click', () => this.forget());
    byId<HTMLFormElement>('ticket').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    byId('ticket-type').addEventListener('change', () => this.syncTicket());
    setInterval(() => void this.refresh(), REFRESH_INTERVAL_MS);
    this.setState('no-key', 'no key: enter an API key and its secret to trade');
    this.syncTicket();
  }

  /** From the /metrics poll: whether the gateway serves REST at all. */
  setRestMounted(mounted: boolean): void {
    if (this.restMounted === mounted) return;
    this.restMounted = mounted;
    if (!mounted) this.setState('no-rest', 'REST is not mounted on this gateway: no orders can be placed from this page');
    else if (this.rest === null) this.setState('no-key', 'no key: enter an API key and its secret to trade');
    this.syncTicket();
  }

  /** The ticket follows the selected instrument; orders name its canonical symbol. */
  setInstrument(instrument: string | null): void {
    if (instrument === this.instrument) return;
    this.instrument = instrument;
    this.syncTicket();
  }

  private venueInstrument(): string | null {
    return this.instrument === null || splitInstrument(this.instrument).venue === 'all' ? null : this.instrument;
  }

  private syncTicket(): void {
    const instrument = this.venueInstrument();
    const market = byId<HTMLSelectElement>('ticket-type').value === 'market';
    byId<HTMLInputElement>('ticket-price').disabled = market;
    byId<HTMLInputElement>('ticket-post-only').disabled = market;
    byId('ticket-symbol').textContent = instrument === null ? 'select a venue instrument' : splitInstrument(instrument).canonical;
    byId<HTMLButtonElement>('ticket-submit').disabled = instrument === null || this.rest === null || this.restMounted === false;
    const grid = instrument === null ? undefined : this.grids.get(instrument);
    byId('ticket-grid').textContent =
      instrument === null
        ? 'The consolidated book is not a venue: choose a venue instrument to trade its symbol.'
        : grid === undefined
          ? `grid of ${instrument}: …`
          : typeof grid === 'string'
            ? grid
            : `${instrument}: tick ${grid.tickSize}, lot ${grid.lotSize} · the gateway sends REST orders to its execution venue`;
    if (instrument !== null && grid === undefined && this.restMounted !== false) void this.loadGrid(instrument);
  }

  /** Tick and lot size from the public GET /v1/instruments/{id}; a failure is kept as the text to show. */
  private async loadGrid(instrument: string): Promise<void> {
    this.grids.set(instrument, `grid of ${instrument}: loading`);
    try {
      const response = await fetch(`/v1/instruments/${encodeURIComponent(instrument)}`, { cache: 'no-store' });
      const body: unknown = response.headers.get('content-type')?.includes('application/json') ? await response.json() : null;
      const row = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      if (response.ok && typeof row.tickSize === 'string' && typeof row.lotSize === 'string') this.grids.set(instrument, { tickSize: row.tickSize, lotSize: row.lotSize });
      else this.grids.set(instrument, `grid of ${instrument}: GET /v1/instruments answered ${response.status}; the server alone checks the grid`);
    } catch (error: unknown) {
      this.grids.delete(instrument);
      this.show('error', `grid of ${instrument}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (instrument === this.instrument) this.syncTicket();
  }

  private async useKey(): Promise<void> {
    const keyInput = byId<HTMLInputElement>('key-id');
    const secretInput = byId<HTMLInputElement>('key-secret');
    const keyId = keyInput.value.trim();
    const secret = secretInput.value;
    // The text leaves the DOM at once; from here on only the non-extractable CryptoKey exists.
    secretInput.value = '';
    if (keyId === '' || secret === '') {
      this.setState('no-key', 'enter both the API key and its secret');
      return;
    }
    const generation = ++this.generation;
    let signer: RequestSigner;
    try {
      signer = await RequestSigner.create(keyId, secret);
    } catch (error: unknown) {
      this.setState('error', `this browser cannot sign (WebCrypto HMAC): ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (generation !== this.generation) return;
    this.rest = new SignedRest(signer, () => Date.now());
    byId('key-form').hidden = true;
    byId('key-loaded').hidden = false;
    byId('key-label').textContent = `key ${shortKey(keyId)} (in page memory only)`;
    byId('key-label').title = keyId;
    this.setState('checking', `checking key ${shortKey(keyId)}…`);
    this.syncTicket();
    await this.refresh();
  }

  private forget(): void {
    this.dropKey();
    byId<HTMLInputElement>('key-id').value = '';
    this.show(null, '');
    if (this.restMounted === false) this.setState('no-rest', 'REST is not mounted on this gateway: no orders can be placed from this page');
    else this.setState('no-key', 'key forgotten: enter an API key and its secret to trade');
  }

  /** Lets go of the signer and everything read with it; the key form comes back. */
  private dropKey(): void {
    this.generation++;
    this.rest = null;
    this.orders = [];
    this.canceling.clear();
    byId<HTMLInputElement>('key-secret').value = '';
    byId('key-form').hidden = false;
    byId('key-loaded').hidden = true;
    byId('key-label').textContent = '';
    byId('key-label').title = '';
    byId<HTMLTableSectionElement>('orders-body').replaceChildren();
    byId<HTMLTableSectionElement>('positions-body').replaceChildren();
    this.syncTicket();
  }

  /** Reads the orders and positions; the first answer also tells whether the key is accepted. */
  private async refresh(): Promise<void> {
    const rest = this.rest;
    if (rest === null || this.refreshing) return;
    this.refreshing = true;
    const generation = this.generation;
    try {
      const [orders, positions] = await Promise.all([rest.call('GET', '/v1/orders?status=all'), rest.call('GET', '/v1/positions')]);
      if (generation !== this.generation) return;
      if (orders.kind !== 'ok') {
        this.onAccountFailure(orders);
        return;
      }
      this.orders = parseOrders(orders.body);
      const account = positions.kind === 'ok' ? parsePositions(positions.body) : { accountId: null, positions: [] };
      if (this.state() !== 'no-orders') this.setState('ready', `key ${shortKey(rest.signer.keyId)}${account.accountId === null ? '' : ` · account ${account.accountId}`}`);
      this.renderAccount();
      renderPositions(byId<HTMLTableSectionElement>('positions-body'), account.positions);
      byId('positions').dataset.state = positions.kind === 'ok' ? 'ok' : describeAnswer(positions);
    } finally {
      this.refreshing = false;
    }
  }

  private onAccountFailure(answer: RestAnswer): void {
    if (answer.kind === 'not-rest' && answer.status === 404) {
      this.setState('no-rest', `REST is not mounted on this gateway: ${describeAnswer(answer)}`);
    } else if (answer.kind === 'refused' && KEY_REFUSAL_CODES.has(answer.code)) {
      // Asking again with the same key gets the same answer: drop it and ask for another.
      this.dropKey();
      this.setState('key-refused', `the gateway refused this key: ${describeAnswer(answer)}`);
    } else if (answer.kind === 'refused' && answer.code === 'ZVT_ERR_AUTH_TIMESTAMP') {
      this.setState('key-refused', `the gateway refused the request time: ${describeAnswer(answer)}${this.clockHint(answer.code)}`);
    } else {
      this.setState('error', `reading the account failed: ${describeAnswer(answer)}`);
    }
  }

  private clockHint(code: string): string {
    const offset = this.options.clockOffsetMs();
    return code === 'ZVT_ERR_AUTH_TIMESTAMP' && offset !== null ? ` (this page's clock is ${offset} ms off the server's)` : '';
  }

  private renderAccount(): void {
    renderOrders(byId<HTMLTableSectionElement>('orders-body'), this.orders, this.canceling, (clientOrderId) => void this.cancel(clientOrderId));
    byId('orders').dataset.count = String(this.orders.length);
  }

  private async submit(): Promise<void> {
    const rest = this.rest;
    const instrument = this.venueInstrument();
    if (rest === null || instrument === null) return;
    const quantityInput = byId<HTMLInputElement>('ticket-quantity');
    const priceInput = byId<HTMLInputElement>('ticket-price');
    quantityInput.classList.remove('invalid');
    priceInput.classList.remove('invalid');
    const type = byId<HTMLSelectElement>('ticket-type').value === 'market' ? 'market' : 'limit';
    const grid = this.grids.get(instrument);
    // Without a grid (REST could not say), only the syntax is checked here; the server checks the rest.
    const check = checkTicket(typeof grid === 'object' ? grid : null, type, priceInput.value, quantityInput.value);
    if (!check.ok) {
      (check.field === 'price' ? priceInput : quantityInput).classList.add('invalid');
      this.show('invalid', `not sent: ${check.message}`);
      return;
    }
    const clientOrderId = this.nextClientOrderId('dash');
    const body: Record<string, unknown> = {
      symbol: splitInstrument(instrument).canonical,
      side: byId<HTMLSelectElement>('ticket-side').value === 'sell' ? 'sell' : 'buy',
      type,
      timeInForce: byId<HTMLSelectElement>('ticket-tif').value,
      quantity: check.quantity,
      clientOrderId,
    };
    if (type === 'limit') {
      body.price = check.price;
      body.postOnly = byId<HTMLInputElement>('ticket-post-only').checked;
    }
    this.show('pending', `sending ${clientOrderId}…`);
    const answer = await rest.call('POST', '/v1/orders', body);
    if (rest !== this.rest) return;
    if (answer.kind === 'ok') {
      const result = typeof answer.body === 'object' && answer.body !== null ? (answer.body as { order?: unknown; fills?: unknown }) : {};
      const order = parseOrders({ orders: [result.order] })[0];
      const fills = Array.isArray(result.fills) ? result.fills.filter((fill): fill is { quantity: string; price: string } => typeof fill === 'object' && fill !== null && typeof (fill as { quantity?: unknown }).quantity === 'string' && typeof (fill as { price?: unknown }).price === 'string') : [];
      const fillText = fills.length === 0 ? '' : `; fills ${fills.slice(0, 5).map((fill) => `${fill.quantity} @ ${fill.price}`).join(', ')}${fills.length > 5 ? ` and ${fills.length - 5} more` : ''}`;
      this.show('accepted', order === undefined ? `${clientOrderId}: no answer from the execution venue in time; the order may still be working (see the orders below)` : `${clientOrderId}: ${order.status}, filled ${order.cumulativeQuantity} of ${order.quantity}${fillText}`, { clientOrderId, status: order?.status ?? 'unknown', filled: order?.cumulativeQuantity ?? '' });
    } else {
      this.onActionFailure(`${clientOrderId} refused`, answer);
    }
    await this.refresh();
  }

  private async cancel(clientOrderId: string): Promise<void> {
    const rest = this.rest;
    if (rest === null || this.canceling.has(clientOrderId)) return;
    this.canceling.add(clientOrderId);
    this.renderAccount();
    // Client order ids are A-Z a-z 0-9 _ . : - (docs/rest.md): all valid in a path as they are.
    // The order takes the cancel's own client id from now on; the page names it so the row stays recognisable.
    const cancelId = this.nextClientOrderId('dash-c');
    const path = `/v1/orders/${/^[A-Za-z0-9_.:-]+$/.test(clientOrderId) ? clientOrderId : encodeURIComponent(clientOrderId)}?cancelClientOrderId=${cancelId}`;
    this.show('pending', `canceling ${clientOrderId}…`);
    const answer = await rest.call('DELETE', path);
    this.canceling.delete(clientOrderId);
    if (rest !== this.rest) return;
    if (answer.kind === 'ok') this.show('accepted', `${clientOrderId}: canceled (now ${cancelId})`, { clientOrderId, cancelClientOrderId: cancelId, status: 'canceled' });
    else this.onActionFailure(`cancel of ${clientOrderId} refused`, answer);
    await this.refresh();
  }

  /** A client order id unique for this page (time and a counter; within the server's 36 characters of A-Z a-z 0-9 _ . : -). */
  private nextClientOrderId(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${(++this.orderCounter).toString(36)}`;
  }

  /** An order or cancel the server refused: its code and message, and the panel state when the cause is the key or REST. */
  private onActionFailure(what: string, answer: RestAnswer): void {
    if (answer.kind === 'refused') {
      this.show('refused', `${what}: ${describeAnswer(answer)}${this.clockHint(answer.code)}`, { code: answer.code, reason: answer.reason ?? '' });
      if (answer.code === ORDERS_UNAVAILABLE) this.setState('no-orders', `this gateway has no order execution: ${answer.message}`);
      else if (KEY_REFUSAL_CODES.has(answer.code)) {
        this.dropKey();
        this.setState('key-refused', `the gateway refused this key: ${describeAnswer(answer)}`);
      }
    } else {
      this.show('error', `${what}: ${describeAnswer(answer)}`);
      if (answer.kind === 'not-rest' && answer.status === 404) this.setState('no-rest', `REST is not mounted on this gateway: ${describeAnswer(answer)}`);
    }
  }

  private show(outcome: Outcome | null, text: string, data: Readonly<Record<string, string>> = {}): void {
    const result = byId('ticket-result');
    result.textContent = text;
    for (const name of Object.keys(result.dataset)) delete result.dataset[name];
    if (outcome !== null) result.dataset.outcome = outcome;
    for (const [name, value] of Object.entries(data)) result.dataset[name] = value;
  }

  private state(): PanelState {
    return byId('trading').dataset.state as PanelState;
  }

  private setState(state: PanelState, text: string): void {
    byId('trading').dataset.state = state;
    const badge = byId('trading-state');
    badge.textContent = text;
    badge.dataset.state = state === 'ready' ? 'open' : state === 'checking' || state === 'no-key' ? 'connecting' : 'closed';
  }
}
