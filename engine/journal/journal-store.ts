import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeJournal, encodeJournal, JournalCorruptError, type JournalRun } from './journal-entry.js';

export interface CorruptJournal {
  file: string;
  message: string;
}

export interface JournalListing {
  /** Newest first. */
  runs: JournalRun[];
  corrupt: CorruptJournal[];
}

const RUN_FILE = /^(run-[0-9a-z-]{8,64})\.json$/;

/** Makes a rename durable: on Windows a folder cannot be opened for fsync, and NTFS journals renames itself. */
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One file per run under `<dataDir>/journal/`, written crash-safely: temp file, fsync, rename, fsync folder. */
function writeFileDurably(file: string, bytes: Buffer): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class JournalStore {
  readonly folder: string;
  /** Run id → bytes held for it on disk (see reserve). */
  private readonly reserved = new Map<string, number>();

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'journal');
  }

  private reserveFile(runId: string): string {
    return join(this.folder, `.${runId}.reserve`);
  }

  /**
   * Holds `bytes` of disk space for this run's later saves, in a hidden file beside its journal: each save frees
   * it just before writing and takes it again after, so a disk that fills up during a run still has room for
   * the journal. Throws (ENOSPC) when the space is not there now: before the first change, not in the middle.
   */
  reserve(runId: string, bytes: number): void {
    mkdirSync(this.folder, { recursive: true });
    try {
      writeFileDurably(this.reserveFile(runId), Buffer.alloc(bytes));
    } catch (error) {
      rmSync(this.reserveFile(runId), { force: true });
      throw error;
    }
    this.reserved.set(runId, bytes);
  }

  /** Gives the held space back: the run is over. */
  releaseReserve(runId: string): void {
    this.reserved.delete(runId);
    rmSync(this.reserveFile(runId), { force: true });
  }

  /** Removes the journal of a run that never changed anything (its first save or reservation failed). */
  discard(runId: string): void {
    this.releaseReserve(runId);
    rmSync(this.fileOf(runId), { force: true });
  }

  /** save, with the error returned instead of thrown: a full disk mid-run is handled by the caller. */
  trySave(run: JournalRun): Error | undefined {
    try {
      this.save(run);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  fileOf(runId: string): string {
    return join(this.folder, `${runId}.json`);
  }

  save(run: JournalRun): void {
    mkdirSync(this.folder, { recursive: true });
    const file = this.fileOf(run.runId);
    // A damaged file is evidence: never replace it, even with a good version of the same run.
    if (existsSync(file)) decodeJournal(readFileSync(file, 'utf8'), file);
    const held = this.reserved.get(run.runId);
    if (held !== undefined) rmSync(this.reserveFile(run.runId), { force: true });
    const temp = join(this.folder, `.${run.runId}.${process.pid}.tmp`);
    try {
      writeFileDurably(temp, Buffer.from(encodeJournal(run), 'utf8'));
      renameSync(temp, file);
      fsyncFolder(this.folder);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    } finally {
      // Take the held space again; if it is gone (the disk filled up), the next save has what is left.
      if (held !== undefined) {
        try {
          writeFileDurably(this.reserveFile(run.runId), Buffer.alloc(held));
        } catch {
          rmSync(this.reserveFile(run.runId), { force: true });
        }
      }
    }
  }

  read(runId: string): JournalRun | undefined {
    const file = this.fileOf(runId);
    if (!existsSync(file)) return undefined;
    return decodeJournal(readFileSync(file, 'utf8'), file);
  }

  /** The sequence number for a new run; corrupt files are skipped, so a number may repeat one of theirs. */
  nextSequence(): number {
    return Math.max(0, ...this.list().runs.map((r) => r.sequence)) + 1;
  }

  /**
   * The damaged journal written after the newest readable one, if any (by the time each file was last
   * written). What that run changed cannot be known: undoing an older run or starting a new one over it could
   * undo the wrong thing or lose a change.
   */
  damagedNewest(): CorruptJournal | undefined {
    const listing = this.list();
    if (listing.corrupt.length === 0) return undefined;
    const written = (file: string) => {
      try {
        return statSync(file).mtimeMs;
      } catch {
        return 0;
      }
    };
    const newestGood = Math.max(0, ...listing.runs.map((r) => written(join(this.folder, `${r.runId}.json`))));
    return listing.corrupt.find((c) => written(c.file) >= newestGood);
  }

  list(): JournalListing {
    const listing: JournalListing = { runs: [], corrupt: [] };
    if (!existsSync(this.folder)) return listing;
    for (const name of readdirSync(this.folder).sort()) {
      if (!RUN_FILE.test(name)) continue;
      const file = join(this.folder, name);
      try {
        listing.runs.push(decodeJournal(readFileSync(file, 'utf8'), file));
      } catch (error) {
        const message =
          error instanceof JournalCorruptError ? error.message : `The journal file ${file} cannot be read.`;
        listing.corrupt.push({ file, message });
      }
    }
    listing.runs.sort((a, b) => b.sequence - a.sequence);
    return listing;
  }
}
