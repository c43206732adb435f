/**
 * Line and paragraph index of the view, built in one pass. Several decisions depend on the
 * surrounding line or paragraph (a Message-ID header, a CSV column named "version", a list of
 * domains versus a list of attachments); looking those up through this index instead of
 * scanning backwards from each candidate keeps the scanners linear.
 */

export class TextIndex {
  readonly text: string;
  private readonly lineStarts: number[] = [0];
  private readonly paraOfLine: number[] = [];
  private readonly paraStart: number[] = [0];

  constructor(text: string) {
    this.text = text;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.lineStarts.push(nl + 1);
      from = nl + 1;
    }
    // Paragraphs are separated by lines that hold only whitespace.
    let para = 0;
    let prevBlank = true;
    for (let line = 0; line < this.lineStarts.length; line++) {
      const blank = this.isBlank(line);
      if (blank) {
        this.paraOfLine.push(-1);
      } else {
        if (prevBlank && line > 0) {
          para++;
          this.paraStart.push(line);
        }
        this.paraOfLine.push(para);
      }
      prevBlank = blank;
    }
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
    return this.lineStarts.length;
  }

  private lineHint = 0;

  lineOf(pos: number): number {
    // Most lookups move forward a little: check the last answer and the next lines first.
    const h = this.lineHint;
    if ((this.lineStarts[h] ?? 0) <= pos) {
      for (let l = h; l < h + 4; l++) {
        const next = this.lineStarts[l + 1];
        if (next === undefined || next > pos) {
          this.lineHint = l;
          return l;
        }
      }
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    this.lineHint = lo;
    return lo;
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** End of the line's content (before "\n" or "\r\n"). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Paragraph id of a line (-1 for blank lines). */
  paraOf(line: number): number {
    return this.paraOfLine[line] ?? -1;
  }

  /** First line of the paragraph that contains `line`. */
  paraFirstLine(line: number): number {
    const p = this.paraOf(line);
    return p < 0 ? line : (this.paraStart[p] ?? line);
  }
}
