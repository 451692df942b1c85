export { createAppStore, type AppStore } from './store.js';
export { openSources } from './open-sources.js';
export { layoutFor, listRows, type Layout, type ScreenSize } from './layout.js';
export type { AppState, Overlay, Pane, StoreDeps } from './types.js';
export type { ContainScreen } from './types.js';
export type {
  ContainCallView,
  ContainCheckView,
  ContainChoice,
  ContainPlanView,
  ContainResult,
  ContainService,
  ContainTarget,
} from './contain-service.js';
export type { LiveProgressView, LiveService, LiveSummary } from './live-service.js';
export { WATCH_MS } from './live-slice.js';
export { runDetection, stopDetection } from './run-detection.js';
export type { InventoryService } from './inventory-service.js';
