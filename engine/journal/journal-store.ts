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
export class JournalStore {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'journal');
  }

  fileOf(runId: string): string {
    return join(this.folder, `${runId}.json`);
  }

  save(run: JournalRun): void {
    mkdirSync(this.folder, { recursive: true });
    const file = this.fileOf(run.runId);
    // A damaged file is evidence: never replace it, even with a good version of the same run.
    if (existsSync(file)) decodeJournal(readFileSync(file, 'utf8'), file);
    const temp = join(this.folder, `.${run.runId}.${process.pid}.tmp`);
    try {
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, encodeJournal(run));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
      fsyncFolder(this.folder);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
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
