/**
 * A snapshot of parsed content files (dist/content-snapshot.json), keyed by each file's hash, so
 * start-up reads JSON instead of parsing YAML again (the YAML parser takes ~200 ms for all files,
 * JSON a few). Data from the snapshot still goes through the schemas; a changed file is parsed anew.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface SnapshotFile {
  v: 1;
  files: Record<string, { hash: string; data: unknown }>;
}

export class ContentSnapshot {
  private readonly known: SnapshotFile['files'];
  private readonly fresh: SnapshotFile['files'] = {};
  private changed = false;

  constructor(private readonly path: string | undefined) {
    let known: SnapshotFile['files'] = {};
    if (path) {
      try {
        const parsed = JSON.parse(readFileSync(path, 'utf8')) as SnapshotFile;
        if (parsed.v === 1) known = parsed.files;
      } catch {
        known = {};
      }
    }
    this.known = known;
  }

  static hash(text: string): string {
    return createHash('sha1').update(text).digest('hex');
  }

  /** The parsed data of `file` if its text is unchanged. */
  get(file: string, text: string): unknown {
    const entry = this.known[file];
    const hash = ContentSnapshot.hash(text);
    if (entry && entry.hash === hash) {
      this.fresh[file] = entry;
      return entry.data;
    }
    return undefined;
  }

  put(file: string, text: string, data: unknown): void {
    this.fresh[file] = { hash: ContentSnapshot.hash(text), data };
    this.changed = true;
  }

  /** Writes the snapshot when something changed (quietly skipped on a read-only file system). */
  save(): void {
    if (!this.path || !this.changed) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      // Files not read this time (a partial load) keep their entries.
      writeFileSync(tmp, JSON.stringify({ v: 1, files: { ...this.known, ...this.fresh } } satisfies SnapshotFile));
      renameSync(tmp, this.path);
    } catch {
      // Not writable: parse the YAML on every start instead.
    }
  }
}
