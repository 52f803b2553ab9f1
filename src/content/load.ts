/**
 * Reads flows/, intents/ and content/ from disk, checks each file against its schema and returns
 * typed content or every problem found (not just the first: an author fixes them in one go).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument, isMap, isSeq, type Node, LineCounter } from 'yaml';
import type { z } from 'zod';
import {
  CrisisLexicon,
  FlowFile,
  IntentFile,
  LanguageRules,
  ReferralsFile,
  RulesLexicon,
  SpellingLexicon,
  SynonymLexicon,
  TextsFile,
  type Referral,
} from './schema.js';
import { formatPath, type ContentProblem } from './problems.js';
import { TelegramTexts, WidgetTexts } from './channel-texts.js';
import { ContentSnapshot } from './snapshot.js';

export interface Lexicon {
  spelling: SpellingLexicon;
  synonyms: SynonymLexicon;
  crisis: CrisisLexicon;
  rules: RulesLexicon;
}

/** Everything the bot says and knows, validated. */
export interface Content {
  intents: Map<string, IntentFile>;
  flows: Map<string, FlowFile>;
  referrals: Map<string, Referral>;
  texts: TextsFile;
  language: LanguageRules;
  lexicon: Lexicon;
  widget: WidgetTexts;
  telegram: TelegramTexts;
}

export type LoadResult = { ok: true; content: Content } | { ok: false; problems: ContentProblem[] };

interface Parsed<T> {
  file: string;
  data: T;
}

/** Locate the line of a field path inside a YAML document, for friendlier messages. */
function lineOf(root: Node | null, path: ReadonlyArray<PropertyKey>, counter: LineCounter): number | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else break;
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  return counter.linePos(range[0]).line;
}

function parseFile<S extends z.ZodType>(
  root: string,
  file: string,
  schema: S,
  problems: ContentProblem[],
  snapshot?: ContentSnapshot,
): Parsed<z.infer<S>> | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch (err) {
    problems.push({ file, path: '', message: `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    return undefined;
  }
  // The fast path parses plainly; only a file with a problem is parsed again to find line numbers.
  let data = snapshot?.get(file, text);
  if (data === undefined) {
    try {
      data = parse(text, { uniqueKeys: true, prettyErrors: false });
      snapshot?.put(file, text, data);
    } catch {
      data = undefined;
    }
  }
  const result = data === undefined ? undefined : schema.safeParse(data);
  if (result !== undefined && result.success) return { file, data: result.data as z.infer<S> };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      problems.push({ file, path: '', message: `not valid YAML: ${e.message.split('\n')[0]}`, ...(line ? { line } : {}) });
    }
    return undefined;
  }
  const checked = result ?? schema.safeParse(doc.toJS());
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const line = lineOf(doc.contents, issue.path, counter);
      problems.push({ file, path: formatPath(issue.path), message: issue.message, ...(line ? { line } : {}) });
    }
    return undefined;
  }
  return { file, data: checked.data as z.infer<S> };
}

function listFiles(root: string, dir: string, suffix: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => `${dir}/${name}`);
}

const idFromFile = (file: string, suffix: string) => file.slice(file.lastIndexOf('/') + 1, -suffix.length);

/** Loads and schema-checks every content file under `root`. Cross-references are checked in validate.ts. */
export interface LoadOptions {
  /** Where parsed files are remembered between starts (default dist/content-snapshot.json; false: never). */
  snapshot?: string | false;
}

const snapshotFor = (root: string, opts: LoadOptions) => new ContentSnapshot(opts.snapshot === false ? undefined : (opts.snapshot ?? join(root, 'dist', 'content-snapshot.json')));

export function loadContentFiles(root: string, opts: LoadOptions = {}): LoadResult {
  const problems: ContentProblem[] = [];
  const snapshot = snapshotFor(root, opts);

  const intents = loadIntentFiles(root, problems, snapshot);

  const flows = loadIdFiles(root, 'flows', '.flow.yml', FlowFile, problems, snapshot);

  const referrals = new Map<string, Referral>();
  const refs = parseFile(root, 'content/referrals.yml', ReferralsFile, problems, snapshot);
  refs?.data.referrals.forEach((r, i) => {
    if (referrals.has(r.id)) problems.push({ file: refs.file, path: `referrals[${i}].id`, message: `duplicate referral id '${r.id}'` });
    referrals.set(r.id, r);
  });

  const texts = parseFile(root, 'content/texts.yml', TextsFile, problems, snapshot);
  const language = parseFile(root, 'content/language.yml', LanguageRules, problems, snapshot);
  const widget = parseFile(root, 'content/widget.yml', WidgetTexts, problems, snapshot);
  const telegram = parseFile(root, 'content/telegram.yml', TelegramTexts, problems, snapshot);
  const lexicon = loadLexicon(root, problems, snapshot);
  if (problems.length === 0) snapshot.save();

  if (problems.length > 0 || !texts || !language || !widget || !telegram || !lexicon) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    content: {
      intents,
      flows,
      referrals,
      texts: texts.data,
      language: language.data,
      widget: widget.data,
      telegram: telegram.data,
      lexicon,
    },
  };
}

function loadIntentFiles(root: string, problems: ContentProblem[], snapshot: ContentSnapshot): Map<string, IntentFile> {
  return loadIdFiles(root, 'intents', '.intent.yml', IntentFile, problems, snapshot);
}

/** One file per id (flows/<id>.flow.yml, intents/<id>.intent.yml): the id inside must be the file name. */
function loadIdFiles<S extends z.ZodType<{ id: string }>>(
  root: string,
  dir: string,
  suffix: string,
  schema: S,
  problems: ContentProblem[],
  snapshot: ContentSnapshot,
): Map<string, z.infer<S>> {
  const out = new Map<string, z.infer<S>>();
  for (const file of listFiles(root, dir, suffix)) {
    const parsed = parseFile(root, file, schema, problems, snapshot);
    if (!parsed) continue;
    const expected = idFromFile(file, suffix);
    if (parsed.data.id !== expected) {
      problems.push({ file, path: 'id', message: `id '${parsed.data.id}' must equal the file name '${expected}'` });
      continue;
    }
    out.set(parsed.data.id, parsed.data);
  }
  return out;
}

function loadLexicon(root: string, problems: ContentProblem[], snapshot: ContentSnapshot): Lexicon | undefined {
  const spelling = parseFile(root, 'intents/lexicon/spelling.yml', SpellingLexicon, problems, snapshot);
  const synonyms = parseFile(root, 'intents/lexicon/synonyms.yml', SynonymLexicon, problems, snapshot);
  const crisis = parseFile(root, 'intents/lexicon/crisis.yml', CrisisLexicon, problems, snapshot);
  const rules = parseFile(root, 'intents/lexicon/rules.yml', RulesLexicon, problems, snapshot);
  return spelling && synonyms && crisis && rules ? { spelling: spelling.data, synonyms: synonyms.data, crisis: crisis.data, rules: rules.data } : undefined;
}

export type NluContentResult = { ok: true; intents: Map<string, IntentFile>; lexicon: Lexicon } | { ok: false; problems: ContentProblem[] };

/** Only what the matcher needs (intents/ and its lexicon): for nlu:parse, the NLU report and benchmarks. */
export function loadNluContent(root: string, opts: LoadOptions = {}): NluContentResult {
  const problems: ContentProblem[] = [];
  const snapshot = snapshotFor(root, opts);
  const intents = loadIntentFiles(root, problems, snapshot);
  const lexicon = loadLexicon(root, problems, snapshot);
  if (problems.length === 0) snapshot.save();
  return problems.length === 0 && lexicon ? { ok: true, intents, lexicon } : { ok: false, problems };
}

/** The content files' source locations, for messages that point at a file. */
export const contentFile = {
  intent: (id: string) => `intents/${id}.intent.yml`,
  flow: (id: string) => `flows/${id}.flow.yml`,
  referrals: 'content/referrals.yml',
  texts: 'content/texts.yml',
  language: 'content/language.yml',
  widget: 'content/widget.yml',
  telegram: 'content/telegram.yml',
} as const;
