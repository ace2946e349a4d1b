// Actor lifecycle states and the transitions allowed between them (NautilusTrader-style, crash-only).

export const ACTOR_STATES = ['created', 'starting', 'running', 'stopping', 'stopped', 'faulted'] as const;
export type ActorState = (typeof ACTOR_STATES)[number];

/**
 * There is no "resume" edge out of `faulted`: a faulted actor is discarded and the supervisor
 * creates a fresh one from its definition, which then resynchronises (crash-only design).
 */
const TRANSITIONS: Readonly<Record<ActorState, readonly ActorState[]>> = {
  created: ['starting', 'stopped', 'faulted'],
  starting: ['running', 'stopping', 'faulted'],
  running: ['stopping', 'faulted'],
  stopping: ['stopped', 'faulted'],
  stopped: [],
  faulted: [],
};

export function canTransition(from: ActorState, to: ActorState): boolean {
  return TRANSITIONS[from].includes(to);
}
