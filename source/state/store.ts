import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCaseSlice } from './case-slice.js';
import { createClockSlice } from './clock-slice.js';
import { createContainSlice } from './contain-slice.js';
import { createLiveSlice } from './live-slice.js';
import { createInventorySlice } from './inventory-slice.js';
import { createDetailSlice } from './detail-slice.js';
import { createFilterSlice } from './filter-slice.js';
import { createFindingsSlice } from './findings-slice.js';
import { createLoadSlice } from './load-slice.js';
import { createScreenSlice } from './screen-slice.js';
import { createStreamSlice } from './stream-slice.js';
import { geoDatabase } from '../geo/index.js';
import type { AppState, ResolvedDeps, StoreDeps } from './types.js';
import { createViewSlice } from './view-slice.js';
import { createTuningSlice } from './tuning-slice.js';

export type AppStore = StoreApi<AppState>;

/** One store per app (and per test): the slices share one state and call each other's actions. */
export function createAppStore(given: StoreDeps): AppStore {
  const geo = geoDatabase();
  const deps: ResolvedDeps = {
    ipFacts: (ip) => geo.lookup(ip),
    ipDataDate: geo.dataDate,
    ...given,
  };
  return createStore<AppState>()((...a) => ({
    ...createViewSlice(deps)(...a),
    ...createClockSlice(deps)(...a),
    ...createStreamSlice(deps)(...a),
    ...createFilterSlice(deps)(...a),
    ...createDetailSlice(deps)(...a),
    ...createLoadSlice(deps)(...a),
    ...createScreenSlice(deps)(...a),
    ...createFindingsSlice(deps)(...a),
    ...createCaseSlice(deps)(...a),
    ...createContainSlice(deps)(...a),
    ...createLiveSlice(deps)(...a),
    ...createInventorySlice(deps)(...a),
    ...createTuningSlice(deps)(...a),
  }));
}
