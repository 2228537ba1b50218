/**
 * Progress on long batches: a one-line bar (files, pages, pages/min, ETA) on a terminal, plain log
 * lines otherwise (CI logs, pipes), all on stderr so stdout stays clean for data.
 */
export class Progress {
  private pagesDone = 0;
  private pagesKnown = 0;
  private filesDone = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(
    private readonly filesTotal: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY) && !process.env.CI;
  }

  addPages(n: number): void {
    this.pagesKnown += n;
    this.draw();
  }

  pageDone(): void {
    this.pagesDone++;
    this.draw();
  }

  fileDone(line: string): void {
    this.filesDone++;
    this.log(line);
  }

  log(line: string): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
    this.stream.write(line + '\n');
    this.draw(true);
  }

  rate(): number {
    const min = (Date.now() - this.started) / 60000;
    return min > 0 ? this.pagesDone / min : 0;
  }

  private draw(force = false): void {
    if (!this.tty) return;
    const t = Date.now();
    if (!force && t - this.lastDraw < 200) return;
    this.lastDraw = t;
    const rate = this.rate();
    const left = this.pagesKnown - this.pagesDone;
    const eta = rate > 0 && left > 0 ? `${Math.ceil(left / rate)} min` : '–';
    const width = 24;
    const frac = this.pagesKnown ? this.pagesDone / this.pagesKnown : 0;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    this.stream.write(
      `\r\x1b[2K${bar} files ${this.filesDone}/${this.filesTotal}  pages ${this.pagesDone}/${this.pagesKnown}  ${rate.toFixed(1)} pages/min  ETA ${eta}`,
    );
  }

  end(): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
  }
}
