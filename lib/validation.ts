// Zod's findings as sentences a reader can act on, for every check at a trust boundary (messages, notes,
// imported files): "first.items[3].target.selector[0].exact: required".
import type { z } from 'zod';

/** "first.items[3].target.selector[0].exact" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out === '' ? '' : '.') + String(key);
  }
  return out || '(top level)';
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: IssueLike[][];
}

/**
 * Flattens zod issues into "path: message" lines. For a union (one-or-many, selector kinds) it reports the
 * alternative that got furthest into the value, because "Invalid input" at the union says nothing useful.
 */
export function describeIssues(issues: readonly IssueLike[], prefix: readonly PropertyKey[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      // Alternatives the value is not even shaped like (an object where a list was expected) say nothing;
      // among the rest, prefer one whose `type` matched: that is the kind of thing the file meant.
      const shaped = issue.errors.filter((option) => !option.some(isWrongShape));
      if (shaped.length === 0) {
        lines.push(`${formatPath(path)}: ${describeUnionShapes(issue.errors)}`);
        continue;
      }
      const typed = shaped.filter((option) => !option.some(isWrongType));
      const progressed = typed.length > 0 ? typed : shaped;
      const best = progressed.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      lines.push(...describeIssues(best, path));
      continue;
    }
    lines.push(`${formatPath(path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  return lines;
}

function isWrongShape(issue: IssueLike): boolean {
  return issue.path.length === 0 && issue.code === 'invalid_type';
}

function isWrongType(issue: IssueLike): boolean {
  return issue.path.length === 1 && issue.path[0] === 'type' && (issue.code === 'invalid_value' || issue.code === 'custom');
}

function depth(option: IssueLike[]): number {
  return Math.max(...option.map((i) => i.path.length));
}

function describeUnionShapes(options: IssueLike[][]): string {
  const expected = options.flatMap((o) => o.map((i) => /expected (\w+)/.exec(i.message)?.[1])).filter(Boolean);
  if (options.every((o) => o.some((i) => i.message.startsWith('required')))) return 'required';
  const received = options.flatMap((o) => o.map((i) => /received (\w+)/.exec(i.message)?.[1])).find(Boolean);
  const kinds = [...new Set(expected)].join(' or ');
  return kinds ? `expected ${kinds}${received ? `, received ${received}` : ''}` : 'invalid value';
}

/** Zod's error map for every parse: a missing property reads "required", as people say it. */
export const requiredMessages = { error: (iss: { input?: unknown }) => (iss.input === undefined ? 'required' : undefined) };

/** A value that failed its check; `problems` are "path: message" lines. */
export class ValidationError extends Error {
  constructor(readonly what: string, readonly problems: readonly string[]) {
    super(`Invalid ${what}: ${problems[0] ?? 'malformed'}.`);
    this.name = 'ValidationError';
  }
}

/** Parses or throws a ValidationError naming the first problem ("Invalid note: text: this note is ..."). */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value, requiredMessages);
  if (result.success) return result.data;
  throw new ValidationError(what, describeIssues(result.error.issues));
}
