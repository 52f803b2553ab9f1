/** A defect in a content file, named the way a content author can find it. */
export interface ContentProblem {
  /** Path relative to the content root, e.g. "flows/sextortion.flow.yml". */
  file: string;
  /** Field path, e.g. "steps.paid.next" or "examples[3]"; empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** "flows/sextortion.flow.yml: steps.paid.next: unknown step 'aangfite'" */
export function formatProblem(p: ContentProblem): string {
  const where = p.path ? `${p.file}: ${p.path}` : p.file;
  return `${where}: ${p.message}${p.line ? ` (line ${p.line})` : ''}`;
}
