// A FIX acceptor on 127.0.0.1 port 0 in front of a real simulated Binance (matching engine, static clock), with two API keys and jspurefix client helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixAcceptor, type FixAcceptor } from '../../../../src/gateway/fix/fix-acceptor.js';
import type { FixAcceptorOptions } from '../../../../src/gateway/fix/fix-acceptor-options.js';
import type { FixCredential } from '../../../../src/gateway/fix/fix-logon-signature.js';
import { createSimOrderEntryHandler, type SimOrderEntryHandler } from '../../../../src/gateway/orders/sim-order-entry-handler.js';
import { simDemoAccounts } from '../../../../src/sim/exchange/demo-accounts.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { priceText } from '../../../../src/sim/market/sim-instrument.js';
import { JspurefixClient, writeTestDictionary, type JspurefixClientOptions } from './jspurefix-client.js';

export const TRADER = { senderCompId: 'TRADER1', accountId: 'binance-demo' } as const;
export const COUNTERPARTY = { accountId: 'counterparty', apiKey: 'counterparty-key', secret: 'counterparty-secret' } as const;

export class FixTestVenue {
  acceptor!: FixAcceptor;
  readonly exchange: SimExchange;
  readonly handler: SimOrderEntryHandler;
  readonly directory: string;
  readonly storeDirectory: string;
  readonly dictionary: string;
  readonly credentials: ReadonlyMap<string, FixCredential>;
  private readonly clients: JspurefixClient[] = [];

  private constructor() {
    this.directory = mkdtempSync(join(tmpdir(), 'zvt-fix-'));
    this.storeDirectory = join(this.directory, 'acceptor-store');
    this.dictionary = writeTestDictionary(this.directory);
    const accounts = [
      ...simDemoAccounts('binance', 11),
      { accountId: COUNTERPARTY.accountId, apiKey: COUNTERPARTY.apiKey, secret: COUNTERPARTY.secret, passphrase: null, balances: { USDT: '1000000', BTC: '50' } },
    ];
    // A fixed clock: the book stays where it is, so prices in the tests are known in advance.
    this.exchange = createSimExchange({ venue: 'binance', seed: 11, startMs: Date.UTC(2025, 0, 2, 12), accounts });
    this.handler = createSimOrderEntryHandler({ exchange: this.exchange });
    this.credentials = new Map(accounts.map((account) => [account.apiKey, { apiKey: account.apiKey, secret: account.secret, accountId: account.accountId }]));
  }

  static async start(options: Partial<FixAcceptorOptions> = {}): Promise<FixTestVenue> {
    const venue = new FixTestVenue();
    await venue.startAcceptor(options);
    return venue;
  }

  /** (Re)starts the acceptor on the same store directory and handler. */
  async startAcceptor(options: Partial<FixAcceptorOptions> = {}): Promise<void> {
    this.acceptor = await startFixAcceptor({
      handler: this.handler,
      credentials: (apiKey) => this.credentials.get(apiKey),
      storeDirectory: this.storeDirectory,
      ...options,
    });
  }

  get traderKey(): { apiKey: string; secret: string } {
    const account = this.exchange.accounts.find((candidate) => candidate.accountId === TRADER.accountId)!;
    return { apiKey: account.apiKey, secret: account.secret };
  }

  /** A jspurefix client of the trader's key; its store lives under the venue's directory (same name, same store). */
  client(overrides: Partial<JspurefixClientOptions> = {}): JspurefixClient {
    const client = JspurefixClient.start(
      {
        port: this.acceptor.port,
        senderCompId: TRADER.senderCompId,
        ...this.traderKey,
        resetSeqNum: true,
        storeDirectory: join(this.directory, `client-store-${overrides.senderCompId ?? TRADER.senderCompId}`),
        ...overrides,
      },
      this.dictionary,
    );
    this.clients.push(client);
    return client;
  }

  /** Best bid and ask of BTCUSDT in ticks, and price text of a tick count. */
  touch(): { bid: number; ask: number; price: (ticks: number) => string } {
    const snapshot = this.exchange.snapshot('BTCUSDT', 1);
    const instrument = this.exchange.listing('BTCUSDT')!.instrument;
    return { bid: snapshot.bids[0]!.priceTicks, ask: snapshot.asks[0]!.priceTicks, price: (ticks) => priceText(instrument, ticks) };
  }

  async close(): Promise<void> {
    for (const client of this.clients) await Promise.race([client.drop(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    await this.acceptor.close();
    this.handler.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
