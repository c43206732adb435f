/**
 * Line and paragraph index of the view, built in one pass. Several decisions depend on the
 * surrounding line or paragraph (a Message-ID header, a CSV column named "version", a list of
 * domains versus a list of attachments); looking those up through this index instead of
 * scanning backwards from each candidate keeps the scanners linear.
 */

export class TextIndex {
  readonly text: string;
  // Typed arrays rather than growing JS arrays: a 5 MB text has some 100 000 lines, and
  // pushing that many numbers into a plain array costs several times more (its backing store
  // is reallocated in the large-object space, over and over).
  private readonly lineStarts: Int32Array;
  private readonly lines: number;
  private readonly paraOfLine: Int32Array;
  private readonly paraStart: number[] = [0];

  constructor(text: string) {
    this.text = text;
    let starts = new Int32Array(1024);
    let lines = 1;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      if (lines === starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[lines++] = nl + 1;
      from = nl + 1;
    }
    this.lineStarts = starts;
    this.lines = lines;
    // Paragraphs are separated by lines that hold only whitespace.
    const paraOfLine = new Int32Array(lines);
    let para = 0;
    let prevBlank = true;
    for (let line = 0; line < lines; line++) {
      const blank = this.isBlank(line);
      if (blank) {
        paraOfLine[line] = -1;
      } else {
        if (prevBlank && line > 0) {
          para++;
          this.paraStart.push(line);
        }
        paraOfLine[line] = para;
      }
      prevBlank = blank;
    }
    this.paraOfLine = paraOfLine;
  }

  private isBlank(line: number): boolean {
    const end = this.lineEnd(line);
    for (let i = this.lineStart(line); i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0 && c !== 0x3000) return false;
    }
    return true;
  }

  get lineCount(): number {
    return this.lines;
  }

  private lineHint = 0;

  lineOf(pos: number): number {
    // Most lookups move forward a little: check the last answer and the next lines first.
    const starts = this.lineStarts;
    const last = this.lines - 1;
    const h = this.lineHint;
    if (starts[h]! <= pos) {
      for (let l = h; l < h + 4; l++) {
        if (l >= last || starts[l + 1]! > pos) {
          this.lineHint = l;
          return l;
        }
      }
    }
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    this.lineHint = lo;
    return lo;
  }

  lineStart(line: number): number {
    return line >= 0 && line < this.lines ? this.lineStarts[line]! : this.text.length;
  }

  /** End of the line's content (before "\n" or "\r\n"). */
  lineEnd(line: number): number {
    const next = line + 1;
    if (next < 0 || next >= this.lines) return this.text.length;
    let end = this.lineStarts[next]! - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Paragraph id of a line (-1 for blank lines). */
  paraOf(line: number): number {
    return line >= 0 && line < this.lines ? this.paraOfLine[line]! : -1;
  }

  /** First line of the paragraph that contains `line`. */
  paraFirstLine(line: number): number {
    const p = this.paraOf(line);
    return p < 0 ? line : (this.paraStart[p] ?? line);
  }
}
