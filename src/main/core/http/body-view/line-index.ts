/**
 * Where the lines of a big text file start, kept sparse: a checkpoint (line number, byte offset) every
 * `STRIDE` lines and at the first line start after `GAP` bytes without one — so a 5M-line body costs a few
 * hundred KB, any line is found by reading at most STRIDE lines or GAP bytes from a checkpoint, and the line
 * after a very long line always has one (a reader never scans a 100 MB line to find the next).
 */
const NEWLINE = 0x0a;
export const STRIDE = 64;
export const GAP = 64 * 1024;

export class LineIndex {
  /** Line starts seen so far (the first line starts at 0 before any byte is scanned). */
  private starts = 1;
  private readonly cpLine: number[] = [0];
  private readonly cpOffset: number[] = [0];
  /** Bytes scanned, and whether the last one was a newline. */
  private scanned = 0;
  private endsWithNewline = false;

  /** Records the newlines of `bytes`, which follow the bytes scanned before. */
  scan(bytes: Buffer): void {
    let at = bytes.indexOf(NEWLINE);
    while (at !== -1) {
      const start = this.scanned + at + 1;
      const line = this.starts++;
      if (line % STRIDE === 0 || start - this.cpOffset[this.cpOffset.length - 1]! >= GAP) {
        this.cpLine.push(line);
        this.cpOffset.push(start);
      }
      at = bytes.indexOf(NEWLINE, at + 1);
    }
    if (bytes.length > 0) {
      this.scanned += bytes.length;
      this.endsWithNewline = bytes[bytes.length - 1] === NEWLINE;
    }
  }

  get bytes(): number {
    return this.scanned;
  }

  /**
   * Lines whose text is complete in the bytes scanned (`final`: the scan reached the end of the file, so the
   * last line counts without its newline; a file ending in a newline has no empty line after it).
   */
  lineCount(final: boolean): number {
    if (this.scanned === 0) return 0;
    if (final) return this.endsWithNewline ? this.starts - 1 : this.starts;
    return this.starts - 1;
  }

  /** The nearest checkpoint at or before `line`. */
  checkpoint(line: number): { line: number; offset: number } {
    let lo = 0;
    let hi = this.cpLine.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cpLine[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.cpLine[lo]!, offset: this.cpOffset[lo]! };
  }

  /** The start of `line` when a checkpoint holds it exactly, else null. */
  exactStart(line: number): number | null {
    const cp = this.checkpoint(line);
    return cp.line === line ? cp.offset : null;
  }
}
