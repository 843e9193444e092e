import type { BenchContext, ScenarioOutcome } from '../support/bench-context';

/** The module's scenarios (a)–(g), in the order they run. */
export const MODULE_SCENARIOS: [
  string,
  (ctx: BenchContext) => Promise<ScenarioOutcome>,
][] = [];
