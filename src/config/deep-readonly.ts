// Type-level counterpart of deepFreeze: what the compiler should believe about a frozen config.

/** Recursively readonly view of plain data (objects, arrays, records); primitives stay as they are. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
