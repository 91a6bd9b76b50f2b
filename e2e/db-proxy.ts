import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut and re-open: the app's DATABASE_URL
 * goes through it, so "the database is down" is one call, without stopping the server other tests
 * share. `cut()` destroys every open connection and refuses new ones (the client sees the reset or
 * the refusal PostgreSQL's own outage gives); `open()` lets connections through again.
 * `cutAfterAnswerMatching(text)` lets the next server answer containing `text` reach nobody and then
 * cuts: the statement has committed (PostgreSQL answers an autocommit statement after its commit),
 * but the app never hears so.
 */
export type DbProxy = {
  url: string;
  cut: () => void;
  open: () => void;
  cutAfterAnswerMatching: (text: string, opts?: { forward?: boolean }) => Promise<void>;
  close: () => Promise<void>;
};

export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let isOpen = true;
  let trap: { text: Buffer; forward: boolean; sprung: () => void } | null = null;

  const cut = () => {
    isOpen = false;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const server = net.createServer((client) => {
    if (!isOpen) return void client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname === 'localhost' ? '127.0.0.1' : target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (chunk) => void upstream.write(chunk));
    upstream.on('data', (chunk) => {
      const armed = trap;
      if (armed && chunk.includes(armed.text)) {
        trap = null;
        // Forwarded: the app has its answer, and the database is gone for what it does next.
        if (armed.forward)
          client.write(chunk, () => {
            cut();
            armed.sprung();
          });
        else {
          cut();
          armed.sprung();
        }
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);

  return {
    url: url.toString(),
    cut,
    open: () => {
      isOpen = true;
    },
    cutAfterAnswerMatching: (text, { forward = false } = {}) =>
      new Promise<void>((sprung) => {
        trap = { text: Buffer.from(text), forward, sprung };
      }),
    close: async () => {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
