// The physical ceiling: a bare TCP sink. Accepts, reads to end, closes — no parsing, no storage.
// Run as a forked child: prints {"event":"ready","port":N}; answers {type:'stats'} over IPC with
// {connections, closed, bytes}. Exits when its parent goes away or on SIGTERM.
import net from 'node:net';

let connections = 0;
let closed = 0;
let bytes = 0;

const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
  connections++;
  socket.on('data', (chunk) => (bytes += chunk.length));
  socket.on('end', () => socket.end());
  socket.on('error', () => socket.destroy());
  socket.on('close', () => closed++);
});
server.listen({ host: '127.0.0.1', port: Number(process.env.SINK_PORT ?? 0), backlog: 511 }, () => {
  process.stdout.write(`${JSON.stringify({ event: 'ready', port: server.address().port })}\n`);
});

process.on('message', (m) => {
  if (m?.type === 'stats') process.send({ type: 'stats', connections, closed, bytes });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
