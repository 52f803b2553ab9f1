/** The studio API's answers (shared/api.md "Worker studio"; src/server/plugins/studio.ts). */

import type { Debug, Reply as CoreReply } from '../../src/core/messages.js';

export type { Debug };

/** A sandbox reply: the public reply plus where the bot was and what it understood. */
export type Reply = CoreReply & { debug: Debug };

export interface SandboxTurn {
  conversationId: string;
  replies: Reply[];
  debug: Debug;
  at: { flow: string; step: string; title: string };
}

export interface Parse {
  intent: string;
  score: number;
  candidates: Array<{ intent: string; fine: string; score: number }>;
  rules: string[];
  outcome: 'matched' | 'unsure' | 'none';
  fine?: string;
  guess?: string;
  via?: 'crisis' | 'classifier';
  normalized: string;
  thresholds: { match: number; unsure: number; margin: number; crisis: number };
}

export interface FlowSummary {
  id: string;
  title: string;
  start: string;
  steps: string[];
}

export interface DiagramLine {
  label: string;
  to: string;
  kind: string;
}

export interface DiagramNode {
  id: string;
  kind: 'step' | 'exit';
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  text?: string;
  lines: DiagramLine[];
  start?: boolean;
  end?: boolean;
}

export interface Diagram {
  flow: string;
  title: string;
  start: string;
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: Array<{ from: string; to: string; kind: string; d: string; back: boolean }>;
}

export interface TranscriptExport {
  fileName: string;
  yaml: string;
  turns: number;
  stoppedAtJump: boolean;
}

export interface SystemFigures {
  name: string;
  accuracy: number;
  crisisRecall: number;
  falseCrisisRate: number;
  oodFalseAccept: number;
  abstainRate: number;
  perIntent: Array<{ intent: string; precision: number; recall: number; f1: number; support: number }>;
  confusions: Array<{ expected: string; predicted: string; count: number; examples: string[] }>;
}

export interface Report {
  nlu:
    | { available: true; rows: { inDomain: number; outOfDomain: number }; systems: SystemFigures[]; baseline: { name: string; installed: boolean; trainMs?: number; error?: string } }
    | { available: false; reason: string };
  transcripts:
    | { available: true; total: number; passed: number; failed: number; results: Array<{ file: string; title: string; ok: boolean; failure?: string; turns: number }> }
    | { available: false; reason: string };
}

export interface Misses {
  collecting: boolean;
  days: Array<{ date: string; matched: number; unsure: number; none: number }>;
  messages?: Array<{ date: string; text: string; outcome: 'unsure' | 'none'; guess?: string; count: number }>;
}
