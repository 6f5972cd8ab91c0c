// How long and how hard each benchmark runs: the full profile (about 12 minutes on 2 cores) and --quick (fewer, shorter rounds).
export interface BenchProfile {
  name: 'full' | 'quick';
  /** Alternating baseline/Rampart rounds per path, so drift on a shared machine hits both sides alike. */
  ratioRounds: number;
  warmupSec: number;
  durationSec: number;
  connections: number;
  growthConnections: number;
  growthDurationSec: number;
  signinClients: number;
  signinDurationSec: number;
  coldStarts: number;
  /** Todos for the large growth step; the issue asks for 1M over 10k users. */
  largeTodos: number;
  /** Sessions for the large session-growth step; the issue asks for 1M. */
  largeSessions: number;
  users: number;
}

export const FULL: BenchProfile = {
  name: 'full',
  ratioRounds: 3,
  warmupSec: 3,
  durationSec: 10,
  connections: 32,
  growthConnections: 4,
  growthDurationSec: 8,
  signinClients: 16,
  signinDurationSec: 15,
  coldStarts: 5,
  largeTodos: 1_000_000,
  largeSessions: 1_000_000,
  users: 10_000,
};

export const QUICK: BenchProfile = {
  name: 'quick',
  ratioRounds: 1,
  warmupSec: 2,
  durationSec: 5,
  connections: 32,
  growthConnections: 4,
  growthDurationSec: 4,
  signinClients: 16,
  signinDurationSec: 8,
  coldStarts: 3,
  largeTodos: 1_000_000,
  largeSessions: 1_000_000,
  users: 10_000,
};
