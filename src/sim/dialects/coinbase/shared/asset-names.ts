// Display names of the assets the simulator lists, as Coinbase shows them (base_name, quote_name, v2 currency names).

/*
 * From the recorded products list (BTC "Bitcoin", USD "US Dollar", USDC "USDC") and Coinbase's
 * asset pages; an asset not listed here is named by its code.
 */
const NAMES: Readonly<Record<string, string>> = Object.freeze({
  BTC: 'Bitcoin',
  ETH: 'Ethereum',
  SOL: 'Solana',
  USD: 'US Dollar',
  USDC: 'USDC',
  USDT: 'Tether',
  EUR: 'Euro',
});

/** Fiat currencies: accounts of type ACCOUNT_TYPE_FIAT, listed by /v2/currencies rather than /v2/currencies/crypto. */
const FIAT: ReadonlySet<string> = new Set(['USD', 'EUR', 'GBP']);

export function assetName(code: string): string {
  return NAMES[code] ?? code;
}

export function isFiat(code: string): boolean {
  return FIAT.has(code);
}
