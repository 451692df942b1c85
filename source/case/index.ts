export * from './model.js';
export { CaseChangeError, CaseOpenError, CaseSaveError, FileWriteError } from './errors.js';
export { writeWholeFile } from './atomic-write.js';
export { makeDirectory } from './make-directory.js';
export type { BackupInfo, CaseRefusal } from './errors.js';
export type { CaseFileSystem } from './file-system.js';
export { nodeFileSystem } from './file-system.js';
export { parseCaseText, serializeCase } from './case-json.js';
export type { ParsedCase } from './case-json.js';
export { readCase } from './read-case.js';
export { CaseStore, createCase, openCase } from './store.js';
export type {
  AuditNote,
  CaseDraft,
  CaseListener,
  CaseStoreOptions,
  ChangeStamp,
  NewCase,
  OpenCaseOptions,
} from './store.js';
export { pinRecord } from './pin.js';
export { caseName, caseStateDirectory, defaultCasePath } from './location.js';
export type { DefaultCasePathOptions } from './location.js';
export { backupPathOf } from './side-files.js';
