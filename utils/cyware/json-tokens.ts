/**
 * A strict JSON tokenizer for the incident template. JSON.parse would do for validity, but its
 * error positions differ per engine (and V8 sometimes gives none), and rendering through
 * JSON.parse would round large integer IDs (a business unit ID above 2^53 must reach Respond
 * unchanged). So: one pass that validates, keeps every token's offset, and keeps numbers as text.
 */

export type JsonToken =
  | { kind: 'punct'; text: '{' | '}' | '[' | ']' | ':' | ',' }
  | { kind: 'string'; value: string; raw: string; start: number; isKey: boolean }
  | { kind: 'number' | 'literal'; raw: string; start: number };

export type TokenizeResult =
  { ok: true; tokens: JsonToken[] } | { ok: false; message: string; offset: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  if (ch === "'") return `"'" (JSON strings use double quotes)`;
  return `'${ch}'`;
}

export function tokenizeJson(text: string): TokenizeResult {
  const tokens: JsonToken[] = [];
  let i = 0;

  const fail = (message: string, offset = i): never => {
    throw new JsonSyntaxError(message, offset);
  };
  const skipWhitespace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const punct = (ch: '{' | '}' | '[' | ']' | ':' | ','): void => {
    tokens.push({ kind: 'punct', text: ch });
    i += 1;
  };

  function readString(isKey: boolean): void {
    const start = i;
    i += 1;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail('This string is never closed: a double quote is missing.', start);
      if (ch === '"') break;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[\da-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail(`Invalid escape "\\${next ?? ''}" in a string.`);
      } else if (ch !== undefined && ch.charCodeAt(0) < 0x20) {
        fail('A line break or control character inside a string: write it as \\n.');
      } else i += 1;
    }
    i += 1;
    const raw = text.slice(start, i);
    tokens.push({ kind: 'string', value: JSON.parse(raw) as string, raw, start, isKey });
  }

  function readValue(depth: number): void {
    if (depth > MAX_DEPTH) fail('The JSON is nested too deeply.');
    skipWhitespace();
    const ch = text[i];
    if (text.startsWith('{{', i)) {
      fail('A placeholder must be inside double quotes, e.g. "{{title}}".');
    }
    if (ch === '{') return readObject(depth);
    if (ch === '[') return readArray(depth);
    if (ch === '"') return readString(false);
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return fail('Invalid number.');
      tokens.push({ kind: 'number', raw: match[0], start: i });
      i += match[0].length;
      return;
    }
    for (const literal of LITERALS) {
      if (text.startsWith(literal, i)) {
        tokens.push({ kind: 'literal', raw: literal, start: i });
        i += literal.length;
        return;
      }
    }
    fail(`Expected a value but found ${describeChar(ch)}.`);
  }

  function readObject(depth: number): void {
    punct('{');
    skipWhitespace();
    if (text[i] === '}') return punct('}');
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"')
        fail(`Expected a property name in double quotes but found ${describeChar(text[i])}.`);
      readString(true);
      skipWhitespace();
      if (text[i] !== ':')
        fail(`Expected ':' after the property name but found ${describeChar(text[i])}.`);
      punct(':');
      readValue(depth + 1);
      skipWhitespace();
      if (text[i] === '}') return punct('}');
      if (text[i] !== ',')
        fail(`Expected ',' or '}' after a property value but found ${describeChar(text[i])}.`);
      const comma = i;
      punct(',');
      skipWhitespace();
      if (text[i] === '}') fail("A trailing comma before '}' is not allowed in JSON.", comma);
    }
  }

  function readArray(depth: number): void {
    punct('[');
    skipWhitespace();
    if (text[i] === ']') return punct(']');
    for (;;) {
      readValue(depth + 1);
      skipWhitespace();
      if (text[i] === ']') return punct(']');
      if (text[i] !== ',')
        fail(`Expected ',' or ']' after an array item but found ${describeChar(text[i])}.`);
      const comma = i;
      punct(',');
      skipWhitespace();
      if (text[i] === ']') fail("A trailing comma before ']' is not allowed in JSON.", comma);
    }
  }

  try {
    readValue(0);
    skipWhitespace();
    if (i < text.length)
      fail(`Unexpected ${describeChar(text[i])} after the end of the JSON value.`);
    return { ok: true, tokens };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { ok: false, message: error.message, offset: error.offset };
    }
    throw error;
  }
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
