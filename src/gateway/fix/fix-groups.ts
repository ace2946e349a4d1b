// Repeating groups the acceptor understands, per message type: NumInGroup tag, the delimiter (first) tag of an instance, and the member tags.
import { MSG_TYPE, TAG } from './fix-tags.js';

export interface FixGroupSpec {
  readonly countTag: number;
  /** Every instance starts with this tag. */
  readonly delimiterTag: number;
  /** Tags that may appear in an instance (the delimiter included); any other tag ends the group. */
  readonly memberTags: ReadonlySet<number>;
}

/**
 * NoOrders (73) of NewOrderList: the FIX 4.4 ListOrdGrp instance fields without nested groups
 * (Parties, PreAllocGrp, TrdgSesGrp ... are not supported inside a list order).
 */
export const NO_ORDERS_GROUP: FixGroupSpec = Object.freeze({
  countTag: TAG.NoOrders,
  delimiterTag: TAG.ClOrdID,
  memberTags: new Set([
    11, 526, 67, 583, 160, 229, 75, 1, 660, 581, 589, 590, 70, 591, 63, 64, 544, 635, 21, 18, 110, 111, 100, 81, 55, 65, 48, 22,
    167, 207, 107, 140, 54, 401, 114, 60, 854, 38, 152, 516, 468, 469, 40, 423, 44, 99, 15, 376, 377, 23, 117, 59, 168, 432, 126,
    427, 12, 13, 479, 497, 528, 529, 582, 121, 120, 775, 58, 354, 355, 193, 192, 640, 77, 203, 210, 388, 389, 847, 848, 849, 494,
  ]),
});

export const GROUPS_BY_MSG_TYPE: ReadonlyMap<string, readonly FixGroupSpec[]> = new Map([[MSG_TYPE.NewOrderList, [NO_ORDERS_GROUP]]]);
