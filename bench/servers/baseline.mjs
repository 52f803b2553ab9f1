// The baselines, measured in the same run as our service: a minimal Fastify route that returns a
// constant JSON body, and a raw @fastify/websocket echo. Prints "ready <port>" when listening.
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

const app = Fastify({ logger: false });
await app.register(websocket);
const constant = { replies: [{ type: 'text', text: 'ok' }] };
app.post('/api/v1/conversations/:id/messages', async () => constant);
app.post('/api/v1/conversations', async (_req, reply) => reply.status(201).send({ conversationId: 'x', ...constant }));
app.get('/ws', { websocket: true }, (socket) => {
  socket.on('message', (data) => socket.send(data.toString()));
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`ready ${app.server.address().port}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
