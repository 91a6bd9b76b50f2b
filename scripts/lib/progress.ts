// Numbered progress lines for the demo launcher: "[2/6] Applying migrations…  done (0.4 s)".
// Anything a step logs is printed, indented, under its line rather than in the middle of it.

export type StepContext = {
  /** A line to show under the step's line. */
  note(m: string): void;
  /** Live detail shown after the title while the step runs (terminals only). */
  status(s: string): void;
  /** The word(s) shown instead of "done". */
  result(s: string): void;
};

export function createSteps(total: number) {
  const tty = process.stdout.isTTY === true;
  let n = 0;
  return async function step<T>(title: string, run: (ctx: StepContext) => Promise<T>): Promise<T> {
    const head = `[${++n}/${total}] ${title}…  `;
    const notes: string[] = [];
    let result = 'done';
    const started = Date.now();
    process.stdout.write(head);
    const ctx: StepContext = {
      note: (m) => notes.push(...m.split('\n').map((line) => line.trimStart())),
      status: (s) => tty && process.stdout.write(`\r\x1b[K${head}${s.slice(0, Math.max(10, (process.stdout.columns ?? 80) - head.length - 1))}`),
      result: (s) => (result = s),
    };
    const finish = (word: string) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${tty ? `\r\x1b[K${head}` : ''}${word} (${seconds} s)\n`);
      for (const line of notes) process.stdout.write(`      ${line}\n`);
    };
    try {
      const value = await run(ctx);
      finish(result);
      return value;
    } catch (err) {
      finish('failed');
      throw err;
    }
  };
}
