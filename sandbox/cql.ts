// The subset of CTIX Query Language the sandbox understands: `field = "v"`, `field IN ("a","b")`,
// joined by AND, over the fields type, ioc_type and value. Anything else is rejected with a
// message (like the real server answering 400), so a client cannot silently rely on more.
import type { ThreatObject } from './seed-types';

export type CqlField = 'type' | 'ioc_type' | 'value';
export interface CqlClause {
  field: CqlField;
  values: string[];
}

export class CqlError extends Error {
  override name = 'CqlError';
}

type Token =
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | '='; pos: number };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === '=') {
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      let text = '';
      i++;
      while (i < query.length && query[i] !== ch) {
        // Backslash escapes the quote (or another backslash) inside a string.
        if (query[i] === '\\' && i + 1 < query.length) i++;
        text += query[i];
        i++;
      }
      if (i >= query.length) throw new CqlError(`unterminated string starting at ${start}`);
      i++;
      tokens.push({ kind: 'string', text, pos: start });
    } else if (/\w/.test(ch)) {
      // Bare words: keywords and field names, but also unquoted values, which are lexed so the
      // parser can say "expected a quoted value" instead of failing on a character.
      const start = i;
      while (i < query.length && /[\w.:/@-]/.test(query[i] as string)) i++;
      tokens.push({ kind: 'word', text: query.slice(start, i), pos: start });
    } else {
      throw new CqlError(`unexpected character ${JSON.stringify(ch)} at ${i}`);
    }
  }
  return tokens;
}

const FIELDS: readonly CqlField[] = ['type', 'ioc_type', 'value'];

const describe = (t: Token | undefined): string =>
  t ? `${JSON.stringify(t.text)} at ${t.pos}` : 'end of query';

/** Parse a query into AND-ed clauses. An empty query means "everything". */
export function parseCql(query: string): CqlClause[] {
  const tokens = tokenize(query);
  const clauses: CqlClause[] = [];
  let i = 0;
  const expectString = (): string => {
    const t = tokens[i];
    if (t?.kind !== 'string') throw new CqlError(`expected a quoted value, got ${describe(t)}`);
    i++;
    return t.text;
  };
  while (i < tokens.length) {
    if (clauses.length > 0) {
      const t = tokens[i];
      if (t?.kind !== 'word' || t.text.toUpperCase() !== 'AND') {
        const what =
          t?.kind === 'word' && t.text.toUpperCase() === 'OR'
            ? 'OR is not supported'
            : `expected AND, got ${describe(t)}`;
        throw new CqlError(what);
      }
      i++;
    }
    const fieldTok = tokens[i];
    if (fieldTok?.kind !== 'word')
      throw new CqlError(`expected a field name, got ${describe(fieldTok)}`);
    const field = FIELDS.find((f) => f === fieldTok.text.toLowerCase());
    if (!field) {
      throw new CqlError(
        `unknown field ${JSON.stringify(fieldTok.text)}; supported: ${FIELDS.join(', ')}`,
      );
    }
    i++;
    const op = tokens[i];
    if (op?.kind === 'punct' && op.text === '=') {
      i++;
      clauses.push({ field, values: [expectString()] });
    } else if (op?.kind === 'word' && op.text.toUpperCase() === 'IN') {
      i++;
      const open = tokens[i];
      if (open?.kind !== 'punct' || open.text !== '(')
        throw new CqlError(`expected "(" after IN, got ${describe(open)}`);
      i++;
      const values = [expectString()];
      for (;;) {
        const t = tokens[i];
        if (t?.kind === 'punct' && t.text === ',') {
          i++;
          values.push(expectString());
        } else if (t?.kind === 'punct' && t.text === ')') {
          i++;
          break;
        } else {
          throw new CqlError(`expected "," or ")", got ${describe(t)}`);
        }
      }
      clauses.push({ field, values });
    } else {
      throw new CqlError(`expected = or IN after ${field}, got ${describe(op)}`);
    }
  }
  return clauses;
}

// CTIX spells the autonomous-system IOC type both ways; treat them as one.
function normaliseIocType(v: string): string {
  const lower = v.toLowerCase();
  return lower === 'asn' ? 'autonomous-system' : lower;
}

function fieldValue(o: ThreatObject, field: CqlField): string {
  switch (field) {
    case 'type':
      return o.type.toLowerCase();
    case 'ioc_type':
      return o.ioc_type ? normaliseIocType(o.ioc_type) : '';
    case 'value':
      return o.name.toLowerCase();
  }
}

/** Values compare case-insensitively: CTIX stores domains and hashes in one case anyway. */
export function matchesCql(o: ThreatObject, clauses: readonly CqlClause[]): boolean {
  return clauses.every((c) => {
    const actual = fieldValue(o, c.field);
    return c.values.some((v) =>
      c.field === 'ioc_type' ? normaliseIocType(v) === actual : v.toLowerCase() === actual,
    );
  });
}
