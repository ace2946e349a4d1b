// Error codes of the simulator and the recording replay.
export const ZVT_ERR_RECORDING_FORMAT = 'ZVT_ERR_RECORDING_FORMAT';
export const ZVT_ERR_RECORDING_READ = 'ZVT_ERR_RECORDING_READ';
export const ZVT_ERR_REPLAY_SERVER = 'ZVT_ERR_REPLAY_SERVER';
export const ZVT_ERR_REPLAY_FAULTS = 'ZVT_ERR_REPLAY_FAULTS';
