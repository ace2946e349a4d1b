// Error codes of the simulator and the recording replay.
export const ZVT_ERR_RECORDING_FORMAT = 'ZVT_ERR_RECORDING_FORMAT';
export const ZVT_ERR_RECORDING_READ = 'ZVT_ERR_RECORDING_READ';
export const ZVT_ERR_REPLAY_SERVER = 'ZVT_ERR_REPLAY_SERVER';
export const ZVT_ERR_REPLAY_FAULTS = 'ZVT_ERR_REPLAY_FAULTS';
/** A simulator fault configuration (SimFaultConfig) is not valid: the message says which field and why. */
export const ZVT_ERR_SIM_FAULTS = 'ZVT_ERR_SIM_FAULTS';
/** Simulator options (SimulatorOptions) are not valid, or ask for a venue the simulator cannot speak. */
export const ZVT_ERR_SIM_CONFIG = 'ZVT_ERR_SIM_CONFIG';
/** A simulator server cannot listen, or a dialect breaks the server contract (unknown rate-limit rule). */
export const ZVT_ERR_SIM_SERVER = 'ZVT_ERR_SIM_SERVER';
/** A ledger invariant broke (a locked amount would go negative) or an instrument's scales do not fit the ledger. */
export const ZVT_ERR_SIM_LEDGER = 'ZVT_ERR_SIM_LEDGER';
/** A simulated exchange was asked about an account, listing or option it does not have. */
export const ZVT_ERR_SIM_EXCHANGE = 'ZVT_ERR_SIM_EXCHANGE';
/** A synthetic market's instrument definition or argument is not valid (non-positive tick/lot/price, bad time). */
export const ZVT_ERR_SIM_MARKET = 'ZVT_ERR_SIM_MARKET';
