import cliProgress from 'cli-progress';

/** A progress line on stderr (a TTY gets a live bar; logs and CI get a line every few seconds). */
export function createProgress(label: string): { update(done: number, total: number, detail: string): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(done, total, detail) {
        if (Date.now() - last < 3000) return;
        last = Date.now();
        process.stderr.write(`${label} ${done}/${total} ${detail}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {detail}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, detail) {
      if (!started) {
        bar.start(total, done, { detail });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
