// Test oracle: the FlatBuffers verifier's rules (flatbuffers/verifier.h: bounds, alignment, vtables, offsets, NUL-terminated strings) applied to FeedMessage buffers.

/*
 * flatc cannot check a buffer (its binary → JSON path does not verify; it crashes on bad input),
 * and the C++ headers are not installed, so these are the C++ Verifier's checks, rule for rule:
 *   - the root uoffset and every uoffset are 4-aligned, non-negative as soffset, and land inside;
 *   - a table starts 4-aligned, its vtable (table − soffset) is 2-aligned, its size is even, and
 *     both the vtable and the table's inline bytes (vtable[1]) lie inside the buffer;
 *   - each present field lies inside the table's inline bytes and is aligned to its own size
 *     (structs to their alignment), relative to the buffer start;
 *   - a vector's length prefix is 4-aligned and its elements lie inside; a string also ends in NUL.
 * One addition the builder guarantees and C++ readers rely on: struct vector elements are aligned
 * to the struct's alignment (8 for Level).
 */

export type FieldSpec =
  | { kind: 'scalar'; size: 1 | 2 | 4 | 8 }
  | { kind: 'struct'; size: number; align: number }
  | { kind: 'string' }
  | { kind: 'structVector'; size: number; align: number }
  | { kind: 'tableVector'; table: TableSpec }
  | { kind: 'unionType' }
  | { kind: 'union'; tables: Readonly<Record<number, TableSpec>> };

export interface TableSpec {
  name: string;
  /** By field id (schema order; a union takes two ids: its type then its value). */
  fields: readonly FieldSpec[];
}

const header: FieldSpec = { kind: 'struct', size: 32, align: 8 };
const levels: FieldSpec = { kind: 'structVector', size: 16, align: 8 };
const byte: FieldSpec = { kind: 'scalar', size: 1 };
const u32: FieldSpec = { kind: 'scalar', size: 4 };
const string: FieldSpec = { kind: 'string' };

const INSTRUMENT_INFO: TableSpec = { name: 'InstrumentInfo', fields: [string, byte, byte] };
/** schema/feed.fbs, table by table; union codes as in `union Body`. */
export const FEED_MESSAGE_SPEC: TableSpec = {
  name: 'FeedMessage',
  fields: [
    { kind: 'unionType' },
    {
      kind: 'union',
      tables: {
        1: { name: 'Snapshot', fields: [header, levels, levels, byte, byte, byte] },
        2: { name: 'Delta', fields: [header, levels, levels] },
        3: { name: 'Bbo', fields: [header, { kind: 'struct', size: 16, align: 8 }, { kind: 'struct', size: 16, align: 8 }] },
        4: { name: 'Trade', fields: [header, { kind: 'struct', size: 24, align: 8 }, string] },
        5: { name: 'Status', fields: [header, byte] },
        6: { name: 'Heartbeat', fields: [{ kind: 'scalar', size: 8 }] },
        7: { name: 'SubscribeAck', fields: [u32, string, u32, byte, { kind: 'scalar', size: 8 }, byte, byte] },
        8: { name: 'FeedError', fields: [u32, string, string, string] },
        9: { name: 'Instruments', fields: [u32, { kind: 'tableVector', table: INSTRUMENT_INFO }] },
      },
    },
  ],
};

/** Problems found (empty: the buffer passes). `identifier` is checked at bytes 4..8 when given. */
export function verifyFlatBuffer(bytes: Uint8Array, root: TableSpec, identifier?: string): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): boolean => {
    if (!ok) problems.push(problem);
    return ok;
  };
  const inside = (position: number, length: number): boolean => position >= 0 && length >= 0 && position + length <= bytes.length;
  const aligned = (position: number, alignment: number): boolean => position % alignment === 0;

  const offsetTarget = (position: number, what: string): number | null => {
    if (!check(aligned(position, 4) && inside(position, 4), `${what}: uoffset at ${position} misaligned or outside`)) return null;
    const value = view.getUint32(position, true);
    if (!check(value !== 0 && value < 2 ** 31, `${what}: uoffset ${value} at ${position} is 0 or negative`)) return null;
    const target = position + value;
    return check(inside(target, 1), `${what}: uoffset at ${position} points outside (${target})`) ? target : null;
  };

  const vector = (position: number, elementSize: number, elementAlign: number, what: string): { count: number; body: number } | null => {
    if (!check(aligned(position, 4) && inside(position, 4), `${what}: vector length at ${position} misaligned or outside`)) return null;
    const count = view.getUint32(position, true);
    const body = position + 4;
    if (!check(inside(body, count * elementSize), `${what}: ${count} elements of ${elementSize} bytes at ${body} run outside`)) return null;
    if (count > 0) check(aligned(body, elementAlign), `${what}: elements at ${body} not ${elementAlign}-aligned`);
    return { count, body };
  };

  const table = (position: number, spec: TableSpec, depth: number): void => {
    const what = spec.name;
    if (!check(depth < 64, `${what}: nesting too deep`)) return;
    if (!check(aligned(position, 4) && inside(position, 4), `${what}: table at ${position} misaligned or outside`)) return;
    const vtable = position - view.getInt32(position, true);
    if (!check(aligned(vtable, 2) && inside(vtable, 4), `${what}: vtable at ${vtable} misaligned or outside`)) return;
    const vtableSize = view.getUint16(vtable, true);
    const tableSize = view.getUint16(vtable + 2, true);
    if (!check(vtableSize % 2 === 0 && vtableSize >= 4 && inside(vtable, vtableSize), `${what}: vtable size ${vtableSize} odd, short or outside`)) return;
    if (!check(inside(position, tableSize) && tableSize >= 4, `${what}: table size ${tableSize} outside`)) return;
    const fieldOffset = (id: number): number => (4 + 2 * id < vtableSize ? view.getUint16(vtable + 4 + 2 * id, true) : 0);
    let unionType = 0;
    spec.fields.forEach((field, id) => {
      const offset = fieldOffset(id);
      if (offset === 0) return;
      const at = position + offset;
      const name = `${what}.field${id}`;
      const fixedSize = field.kind === 'scalar' ? field.size : field.kind === 'struct' ? field.size : field.kind === 'unionType' ? 1 : 4;
      const alignment = field.kind === 'scalar' ? field.size : field.kind === 'struct' ? field.align : field.kind === 'unionType' ? 1 : 4;
      if (!check(offset + fixedSize <= tableSize, `${name}: field at +${offset} (${fixedSize} bytes) beyond the table's ${tableSize} bytes`)) return;
      if (!check(aligned(at, alignment), `${name}: at ${at} not ${alignment}-aligned`)) return;
      switch (field.kind) {
        case 'unionType':
          unionType = bytes[at]!;
          return;
        case 'scalar':
        case 'struct':
          return;
        case 'string': {
          const target = offsetTarget(at, name);
          if (target === null) return;
          const found = vector(target, 1, 1, name);
          if (found !== null) check(inside(found.body + found.count, 1) && bytes[found.body + found.count] === 0, `${name}: string not NUL-terminated`);
          return;
        }
        case 'structVector': {
          const target = offsetTarget(at, name);
          if (target !== null) vector(target, field.size, field.align, name);
          return;
        }
        case 'tableVector': {
          const target = offsetTarget(at, name);
          const found = target === null ? null : vector(target, 4, 4, name);
          if (found === null) return;
          for (let index = 0; index < found.count; index++) {
            const element = offsetTarget(found.body + 4 * index, `${name}[${index}]`);
            if (element !== null) table(element, field.table, depth + 1);
          }
          return;
        }
        case 'union': {
          const target = offsetTarget(at, name);
          const body = field.tables[unionType];
          if (target !== null && check(body !== undefined, `${name}: unknown union type ${unionType}`)) table(target, body!, depth + 1);
          return;
        }
      }
    });
  };

  if (!check(bytes.length >= 8, `buffer of ${bytes.length} bytes is too short`)) return problems;
  if (identifier !== undefined) check(String.fromCharCode(...bytes.subarray(4, 8)) === identifier, `file identifier is not "${identifier}"`);
  const rootTable = offsetTarget(0, 'root');
  if (rootTable !== null) table(rootTable, root, 0);
  return problems;
}
