// The fault configuration a running simulator server applies, replaceable at runtime (PUT /__sim/faults).
import type { SimFaultConfig } from './sim-fault-config.js';
import { validateSimFaultConfig } from './validate-fault-config.js';

/**
 * Holds the installed configuration and what a once-only fault already did under it. Installing a
 * configuration (set, clear) bumps `generation`: sessions then restart their frame counters, timers
 * and random streams under the new one (sim-fault-config.ts).
 */
export class SimFaultControl {
  private installed: SimFaultConfig;
  private readonly fired = new Set<string>();
  private readonly listeners = new Set<() => void>();
  generation = 0;

  constructor(
    initial: SimFaultConfig | undefined,
    /** Seed used when the configuration has none (the simulator's seed). */
    private readonly defaultSeed: number,
  ) {
    this.installed = validateSimFaultConfig(initial ?? {});
  }

  /** The installed configuration (validated, plain). */
  get current(): SimFaultConfig {
    return this.installed;
  }

  get seed(): number {
    return this.installed.seed ?? this.defaultSeed;
  }

  /** Validates and installs `config` (ZVT_ERR_SIM_FAULTS when invalid; the old one stays); returns what is now installed. */
  set(config: unknown): SimFaultConfig {
    this.installed = validateSimFaultConfig(config);
    this.reinstalled();
    return this.installed;
  }

  /** No faults. */
  clear(): void {
    this.installed = {};
    this.reinstalled();
  }

  /** Called after every install; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True the first time a once-only fault (`disconnect:0`, `stall:1`) asks under this configuration, false after. */
  claimOnce(fault: string): boolean {
    if (this.fired.has(fault)) return false;
    this.fired.add(fault);
    return true;
  }

  private reinstalled(): void {
    this.generation++;
    this.fired.clear();
    for (const listener of this.listeners) listener();
  }
}
