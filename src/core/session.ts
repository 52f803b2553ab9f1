/**
 * What the bot remembers of one conversation: where it is, the answers the flows need (slots),
 * and nothing else. No transcript, no text the person typed.
 */
import { z } from 'zod';

const SlotValue = z.union([z.string(), z.number(), z.boolean()]);
const StepRef = z.strictObject({ flow: z.string(), step: z.string() });

export const SessionSchema = z.strictObject({
  v: z.literal(1),
  flow: z.string(),
  step: z.string(),
  slots: z.record(z.string(), SlotValue),
  /** Misunderstandings in a row. */
  misses: z.number().int().min(0),
  /** An unfinished flow to offer a return to. */
  paused: StepRef.optional(),
  /** Waiting steps before this one (most recent last), for "terug". */
  history: z.array(StepRef).max(10),
  /** A question the system asked outside the flows. */
  pending: z
    .union([z.strictObject({ kind: z.literal('confirm'), intent: z.string() }), z.strictObject({ kind: z.literal('resume') })])
    .optional(),
  /** Number of turns; picks text variants. */
  turn: z.number().int().min(0),
});
export type Session = z.infer<typeof SessionSchema>;
export type StepRef = z.infer<typeof StepRef>;

export function newSession(at: StepRef): Session {
  return { v: 1, flow: at.flow, step: at.step, slots: {}, misses: 0, history: [], turn: 0 };
}

/** A stored session with the version used for compare-and-set. */
export interface Versioned {
  session: Session;
  version: number;
}

/**
 * Where sessions live: memory (one process) or Redis (several instances). Every implementation
 * passes tests/core/session-store.contract.ts.
 */
export interface SessionStore {
  get(id: string): Promise<Versioned | undefined>;
  /** Creates a new entry; false if the id exists. */
  create(id: string, session: Session): Promise<boolean>;
  /** Writes if the stored version is still `expectedVersion`; false if another write came first or the entry is gone. */
  update(id: string, session: Session, expectedVersion: number): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** Whether the store answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A session that cannot be read back (corrupt or from an older version). */
export class CorruptSessionError extends Error {
  constructor() {
    super('stored session is not valid');
    this.name = 'CorruptSessionError';
  }
}
