export { App } from './App.js';
export { StoreProvider } from './store-context.js';
export { ThemeContext, themeFor, colorWanted, type Theme } from './theme.js';
export { mountApp, type MountOptions } from './mount.js';
