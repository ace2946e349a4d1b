// GET /api/v3/brokerage/transaction_summary: the account's fee tier and traded volume (ccxt reads it in loadMarkets).
import { formatDecimal } from '../../../../model/fixed-point.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/fees/get-transaction-summary
 * {"total_volume","total_fees","fee_tier":{"pricing_tier","usd_from","usd_to","taker_fee_rate",
 * "maker_fee_rate","aop_from","aop_to"},"margin_rate","goods_and_services_tax",
 * "advanced_trade_only_volume","advanced_trade_only_fees","coinbase_pro_volume","coinbase_pro_fees",
 * "total_balance","has_promo_fee"}. The rates are the simulator's default fee schedule (the
 * SimExchange contract does not expose a configured one; docs/simulator/coinbase.md); volumes are
 * reported as 0 (the simulator keeps no 30-day volume).
 */

export const transactionSummary: CoinbaseRestHandler = (_request, _params, context) => ({
  status: 200,
  body: {
    total_volume: 0,
    total_fees: 0,
    fee_tier: {
      pricing_tier: 'Advanced 1',
      usd_from: '0',
      usd_to: '1000',
      taker_fee_rate: formatDecimal(context.exchange.fees.takerBps, 4),
      maker_fee_rate: formatDecimal(context.exchange.fees.makerBps, 4),
      aop_from: '',
      aop_to: '',
    },
    margin_rate: null,
    goods_and_services_tax: null,
    advanced_trade_only_volume: 0,
    advanced_trade_only_fees: 0,
    coinbase_pro_volume: 0,
    coinbase_pro_fees: 0,
    total_balance: '',
    has_promo_fee: false,
  },
});
