// Wake-up signal a parked consumer thread waits on; shared by every ring that feeds that thread.
//
//   0              4              8
//   +--------------+--------------+
//   | waiting flag | wake counter |        (one 128-byte line of its own SharedArrayBuffer)
//   +--------------+--------------+
//
// Lost-wake-up trap (DESIGN §4): if a producer cleared the consumer's waiting flag before
// notifying, a notify could land between the consumer's last emptiness check and its wait, and
// both sides would stall with the ring full. So only the consumer ever writes the flag, and it
// waits on the wake COUNTER, not on the flag:
//   consumer: seq = load(counter); store(flag, 1); re-check rings; wait(counter, seq)
//   producer: store(tail); if load(flag) == 1 { add(counter, 1); notify(counter) }
// All operations are sequentially consistent Atomics. If the producer read flag == 0, its tail
// store precedes the consumer's flag store, so the re-check sees the record. If it read 1, the
// counter changes: either before the wait (which then returns at once, value != seq) or after
// it started (and notify wakes it).

export const DOORBELL_BYTES = 128;
const WAITING_INDEX = 0;
const COUNTER_INDEX = 1;

export class Doorbell {
  readonly buffer: SharedArrayBuffer;
  private readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(DOORBELL_BYTES)) {
    if (buffer.byteLength < 8) throw new RangeError(`doorbell buffer too small: ${buffer.byteLength} bytes`);
    this.buffer = buffer;
    this.words = new Int32Array(buffer, 0, 2);
  }

  /** Producer side, after publishing: wake the consumer only if it announced it is parking. */
  ring(): boolean {
    if (Atomics.load(this.words, WAITING_INDEX) === 0) return false;
    Atomics.add(this.words, COUNTER_INDEX, 1);
    Atomics.notify(this.words, COUNTER_INDEX, 1);
    return true;
  }

  /**
   * Consumer side, step 1 of parking: announce the intent and return the counter value to wait
   * on. The caller must re-check its rings after this and call `cancelPark` if any has data.
   */
  prepareToPark(): number {
    const seq = Atomics.load(this.words, COUNTER_INDEX);
    Atomics.store(this.words, WAITING_INDEX, 1);
    return seq;
  }

  cancelPark(): void {
    Atomics.store(this.words, WAITING_INDEX, 0);
  }

  /** Consumer side, step 2: sleep until rung or timeout. Returns true when woken by a producer. */
  park(seq: number, timeoutMs: number): boolean {
    const outcome = Atomics.wait(this.words, COUNTER_INDEX, seq, timeoutMs);
    Atomics.store(this.words, WAITING_INDEX, 0);
    return outcome !== 'timed-out';
  }

  /**
   * Like `park`, for threads that must keep their event loop alive (sockets, timers, control
   * messages): resolves when rung or on timeout, never blocks the thread.
   */
  parkAsync(seq: number, timeoutMs: number): Promise<boolean> {
    const result = Atomics.waitAsync(this.words, COUNTER_INDEX, seq, timeoutMs);
    if (!result.async) {
      Atomics.store(this.words, WAITING_INDEX, 0);
      return Promise.resolve(result.value !== 'timed-out');
    }
    return result.value.then((outcome) => {
      Atomics.store(this.words, WAITING_INDEX, 0);
      return outcome !== 'timed-out';
    });
  }

  /** Rings counted so far (wraps at 2^32); a diagnostic, not a delivery count. */
  wakeCount(): number {
    return Atomics.load(this.words, COUNTER_INDEX) >>> 0;
  }
}
