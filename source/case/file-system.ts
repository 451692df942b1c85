import * as fs from 'node:fs';

/**
 * The file-system calls the case file makes, all synchronous: a save is a handful of system calls
 * (a few ms, most of it fsync), and running them to completion on the one JS thread is what keeps
 * saves serialized with no queue to get wrong. Tests pass a variant that fails on purpose (a full
 * disk mid-write, a rename refused) to prove the previous save survives.
 */
export interface CaseFileSystem {
  openSync(path: string, flags: string | number, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  fstatSync(fd: number): fs.Stats;
  closeSync(fd: number): void;
  statSync(path: string): fs.Stats;
  /** A path, or an open descriptor (read from its position to its end). */
  readFileSync(path: string | number): Buffer;
  readdirSync(path: string): string[];
  mkdirSync(path: string, options: { recursive: false; mode: number }): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, link: string): void;
  copyFileSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export const nodeFileSystem: CaseFileSystem = {
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fstatSync: (fd) => fs.fstatSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  statSync: (path) => fs.statSync(path),
  readFileSync: (path) => fs.readFileSync(path),
  readdirSync: (path) => fs.readdirSync(path),
  mkdirSync: (path, options) => {
    fs.mkdirSync(path, options);
  },
  renameSync: (from, to) => fs.renameSync(from, to),
  linkSync: (existing, link) => fs.linkSync(existing, link),
  copyFileSync: (from, to) => fs.copyFileSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};
