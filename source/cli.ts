#!/usr/bin/env node
/**
 * The `trailhound` command. React reads NODE_ENV when it is first loaded, so production mode (no
 * development checks on every render) is set before anything imports it.
 */
process.env.NODE_ENV ??= 'production';
const { main } = await import('./cli/main.js');
await main();
