// Loaded with `node --import` in front of `next start` by scripts/lib/foreground.ts, which opens
// an IPC channel to it. If that parent ends without stopping the server first (SIGKILL, a crash),
// the channel closes: the server then stops as on SIGTERM rather than keep the port for ever.
if (process.channel) {
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
