/** Evidence preservation: what a deletion would destroy, written first, with a SHA-256 manifest. */
export { EvidenceFolder, readManifest, safeName, MANIFEST, type EvidenceFile } from './folder.js';
export { preservePrincipal, subjectOf } from './preserve-principal.js';
export { preserveFunction, fetchDownload, type Download } from './preserve-function.js';
export { isPreserved } from './preserved.js';
export { preserveCall, preserveTarget } from './preserve-target.js';
