// A forward-only cursor over the bytes of one JSON frame, for the venues' byte scanners.

/*
 * Venue frames are small JSON documents with a known shape. Scanning the bytes for the few keys a
 * channel needs costs about 1.6 µs for a 20-level depth message here, against 5.4 µs for
 * JSON.parse (which also allocates every string and array). The cursor reads values in place:
 * strings and numbers come back as [start, end) byte ranges into the frame (fields `start`,
 * `end`), which fixed-point and symbol parsers consume directly. Nothing here allocates.
 *
 * It assumes valid JSON as venues send it (no validation beyond what the scan needs) and only
 * handles escapes by skipping over them: the fields we extract (symbols, numbers as strings, ids)
 * never contain any. Methods return false when the expected thing is not there, so a scanner can
 * report a frame it does not understand instead of misreading it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export class JsonCursor {
  bytes: Uint8Array = new Uint8Array(0);
  length = 0;
  position = 0;
  /** Range of the last string (without quotes) or scalar read. */
  start = 0;
  end = 0;

  reset(bytes: Uint8Array, length: number, position = 0): void {
    this.bytes = bytes;
    this.length = length;
    this.position = position;
  }

  skipWhitespace(): number {
    while (this.position < this.length && isWhitespace(this.bytes[this.position]!)) this.position++;
    return this.position < this.length ? this.bytes[this.position]! : -1;
  }

  /** Consumes `byte` (after whitespace) if it is next. */
  consume(byte: number): boolean {
    if (this.skipWhitespace() !== byte) return false;
    this.position++;
    return true;
  }

  /**
   * Moves to the value of `key` (given as ASCII bytes) in the object the cursor is inside, at the
   * current nesting level, scanning forward from the current position. Returns false (cursor at
   * the object's end) when the key is not there. Keys before it are skipped with their values.
   */
  seekKey(key: Uint8Array): boolean {
    for (;;) {
      let next = this.skipWhitespace();
      if (next === COMMA || next === OPEN_BRACE) {
        this.position++;
        next = this.skipWhitespace();
      }
      if (next !== QUOTE) return false;
      if (!this.readString()) return false;
      const matches = this.rangeEquals(key);
      if (!this.consume(COLON)) return false;
      if (matches) {
        this.skipWhitespace();
        return true;
      }
      if (!this.skipValue()) return false;
    }
  }

  /** Reads a string value; its content range is in start/end. */
  readString(): boolean {
    if (this.skipWhitespace() !== QUOTE) return false;
    const bytes = this.bytes;
    let position = this.position + 1;
    this.start = position;
    while (position < this.length) {
      const byte = bytes[position]!;
      if (byte === QUOTE) {
        this.end = position;
        this.position = position + 1;
        return true;
      }
      position += byte === BACKSLASH ? 2 : 1;
    }
    return false;
  }

  /**
   * Reads a string value that contains no escape: raw bytes then equal the decoded text, so a
   * scanner can use the range directly. False on an escape (only the reference parser decodes them).
   */
  readPlainString(): boolean {
    if (this.skipWhitespace() !== QUOTE) return false;
    const bytes = this.bytes;
    let position = this.position + 1;
    this.start = position;
    while (position < this.length) {
      const byte = bytes[position]!;
      if (byte === QUOTE) {
        this.end = position;
        this.position = position + 1;
        return true;
      }
      if (byte === BACKSLASH) return false;
      position++;
    }
    return false;
  }

  /** Reads a bare scalar (number, true, false, null); its range is in start/end. */
  readScalar(): boolean {
    const first = this.skipWhitespace();
    if (first === -1 || first === QUOTE || first === OPEN_BRACE || first === OPEN_BRACKET) return false;
    const bytes = this.bytes;
    let position = this.position;
    this.start = position;
    while (position < this.length) {
      const byte = bytes[position]!;
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isWhitespace(byte)) break;
      position++;
    }
    this.end = position;
    this.position = position;
    return this.end > this.start;
  }

  /** Reads a string or a bare scalar: venues send numbers both ways. */
  readStringOrScalar(): boolean {
    return this.skipWhitespace() === QUOTE ? this.readString() : this.readScalar();
  }

  /** Reads an integer written as a bare number or a string (sequence ids, timestamps). NaN if it is not one. */
  readInteger(): number {
    if (!this.readStringOrScalar()) return Number.NaN;
    let value = 0;
    let sign = 1;
    let position = this.start;
    if (this.bytes[position] === 0x2d) {
      sign = -1;
      position++;
    }
    if (position === this.end) return Number.NaN;
    for (; position < this.end; position++) {
      const digit = this.bytes[position]! - 0x30;
      if (digit < 0 || digit > 9) return Number.NaN;
      value = value * 10 + digit;
    }
    return value <= Number.MAX_SAFE_INTEGER ? sign * value : Number.NaN;
  }

  /** Enters an array: true if the next value is `[`. */
  enterArray(): boolean {
    return this.consume(OPEN_BRACKET);
  }

  /** Enters an object: true if the next value is `{`. */
  enterObject(): boolean {
    return this.consume(OPEN_BRACE);
  }

  /**
   * Inside an array or object: moves past a separating comma and returns true if another element
   * follows, or consumes the closing bracket/brace and returns false.
   */
  nextElement(): boolean {
    const next = this.skipWhitespace();
    if (next === COMMA) {
      this.position++;
      return true;
    }
    if (next === CLOSE_BRACKET || next === CLOSE_BRACE) {
      this.position++;
      return false;
    }
    return next !== -1;
  }

  /** True if the next element starts (not the end of the container); does not consume. */
  hasElement(): boolean {
    const next = this.skipWhitespace();
    return next !== CLOSE_BRACKET && next !== CLOSE_BRACE && next !== -1;
  }

  /** Skips one value of any type, nested containers included. */
  skipValue(): boolean {
    const first = this.skipWhitespace();
    if (first === QUOTE) return this.readString();
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return this.readScalar();
    const bytes = this.bytes;
    let depth = 0;
    let position = this.position;
    while (position < this.length) {
      const byte = bytes[position]!;
      if (byte === QUOTE) {
        position++;
        while (position < this.length && bytes[position] !== QUOTE) position += bytes[position] === BACKSLASH ? 2 : 1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          this.position = position + 1;
          return true;
        }
      }
      position++;
    }
    return false;
  }

  /** Leaves the current object or array: skips remaining members and consumes the closer. */
  exitContainer(): boolean {
    for (;;) {
      const next = this.skipWhitespace();
      if (next === CLOSE_BRACE || next === CLOSE_BRACKET) {
        this.position++;
        return true;
      }
      if (next === COMMA) {
        this.position++;
        continue;
      }
      if (next === QUOTE) {
        // An object member or a string element: skip it, and its value if it was a key.
        if (!this.readString()) return false;
        if (this.skipWhitespace() === COLON) {
          this.position++;
          if (!this.skipValue()) return false;
        }
        continue;
      }
      if (next === -1 || !this.skipValue()) return false;
    }
  }

  /** Compares the last read range with ASCII bytes. */
  rangeEquals(ascii: Uint8Array): boolean {
    if (this.end - this.start !== ascii.length) return false;
    for (let i = 0; i < ascii.length; i++) if (this.bytes[this.start + i] !== ascii[i]) return false;
    return true;
  }

  /** The last read range as a string (cold paths: errors, logs). */
  rangeText(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.start, this.end - this.start).toString('latin1');
  }
}

/** ASCII bytes of a key or literal, made once at module load. */
export function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
