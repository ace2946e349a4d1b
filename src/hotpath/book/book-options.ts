// Validation of BookOptions and ConsolidatedOptions, shared by every BookEngine written in TypeScript.
import { MAX_DECIMALS } from '../../model/fixed-point.js';
import type { BookOptions, ConsolidatedOptions } from './book-engine.js';
import { throwBookInvalid } from './book-errors.js';

/** Ids index dense tables; registry ids are small dense integers, so this is generous. */
export const MAX_BOOK_ID = 0xff_ffff;
export const MAX_BOOK_DEPTH = 10_000;
export const MAX_CONSOLIDATED_MEMBERS = 32;

/** Throws ZVT_ERR_BOOK_INVALID with the first rule `options` breaks. Cold path. */
export function validateBookOptions(options: BookOptions): void {
  const { instrumentId, maxDepth, tickSize, priceDecimals, sizeDecimals } = options;
  if (!(Number.isInteger(instrumentId) && instrumentId >= 0 && instrumentId <= MAX_BOOK_ID)) {
    throwBookInvalid(`Book instrumentId must be an integer from 0 to ${MAX_BOOK_ID} (got ${String(instrumentId)})`, { instrumentId });
  }
  if (!(Number.isInteger(maxDepth) && maxDepth >= 1 && maxDepth <= MAX_BOOK_DEPTH)) {
    throwBookInvalid(`Book maxDepth must be an integer from 1 to ${MAX_BOOK_DEPTH} (got ${String(maxDepth)})`, { instrumentId, maxDepth });
  }
  if (!(Number.isSafeInteger(tickSize) && tickSize > 0)) {
    throwBookInvalid(`Book tickSize must be a positive integer mantissa (got ${String(tickSize)})`, { instrumentId, tickSize });
  }
  for (const [field, value] of [['priceDecimals', priceDecimals], ['sizeDecimals', sizeDecimals]] as const) {
    if (!(Number.isInteger(value) && value >= 0 && value <= MAX_DECIMALS)) {
      throwBookInvalid(`Book ${field} must be an integer from 0 to ${MAX_DECIMALS} (got ${String(value)})`, { instrumentId, [field]: value });
    }
  }
}

/**
 * Throws ZVT_ERR_BOOK_INVALID with the first rule `options` breaks. Member existence and equal
 * scales are checked by the engine (it knows the books). Cold path.
 */
export function validateConsolidatedOptions(options: ConsolidatedOptions): void {
  const { groupId, members, staleAfterNs } = options;
  if (!(Number.isInteger(groupId) && groupId >= 0 && groupId <= MAX_BOOK_ID)) {
    throwBookInvalid(`Consolidated groupId must be an integer from 0 to ${MAX_BOOK_ID} (got ${String(groupId)})`, { groupId });
  }
  if (!(members.length >= 1 && members.length <= MAX_CONSOLIDATED_MEMBERS)) {
    throwBookInvalid(`Consolidated group ${groupId} must have 1 to ${MAX_CONSOLIDATED_MEMBERS} members`, { groupId });
  }
  if (!(typeof staleAfterNs === 'number' && staleAfterNs >= 0 && Number.isFinite(staleAfterNs))) {
    throwBookInvalid(`Consolidated staleAfterNs must be a finite number >= 0 (got ${String(staleAfterNs)})`, { groupId, staleAfterNs });
  }
  const seen = new Set<number>();
  for (const member of members) {
    if (seen.has(member.instrumentId)) {
      throwBookInvalid(`Consolidated group ${groupId} lists instrument ${member.instrumentId} twice`, { groupId, instrumentId: member.instrumentId });
    }
    seen.add(member.instrumentId);
    const fee = member.takerFeeBps;
    if (!(typeof fee === 'number' && fee > -10_000 && fee < 10_000)) {
      throwBookInvalid(`Consolidated takerFeeBps must be greater than -10000 and less than 10000 (got ${String(fee)})`, {
        groupId,
        instrumentId: member.instrumentId,
        takerFeeBps: fee,
      });
    }
  }
}

/** The multiplier of the fee-adjusted view, exactly as the contract fixes it (asks pay, bids receive). */
export function feeFactor(side: number, takerFeeBps: number): number {
  return side === 1 ? 1 + takerFeeBps / 10000 : 1 - takerFeeBps / 10000;
}
