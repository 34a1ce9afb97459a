// The baseline the load generator measures receivers against (loadgen --server socketio): a plain Socket.IO 4.8
// server, scaled out the way Socket.IO's documentation says, with @socket.io/redis-adapter, so that it is fed the
// same way receivers are: events published to Redis by someone else (here the load generator, in the adapter's
// own wire format). Each connection joins the rooms named in its handshake query (?rooms=a,b). Nothing else: no
// authentication, no per-user routing, which only flatters Socket.IO in the comparison.
//
//   PORT=3001 REDIS_URL=redis://127.0.0.1:6379 node server.mjs
import { createServer } from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";

const port = Number(process.env.PORT ?? 3001);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const pubClient = createClient({ url: redisUrl });
const subClient = pubClient.duplicate();
for (const client of [pubClient, subClient]) {
  client.on("error", (error) => console.error(`redis: ${error.message}`));
}
await Promise.all([pubClient.connect(), subClient.connect()]);

const httpServer = createServer((request, response) => {
  response.writeHead(request.url === "/health" ? 200 : 404, { "content-type": "text/plain" });
  response.end(request.url === "/health" ? "ok\n" : "not found\n");
});
const io = new Server(httpServer, {
  adapter: createAdapter(pubClient, subClient),
  transports: ["websocket"],
  serveClient: false,
  // Socket.IO's default; browsers offer permessage-deflate, and this server declines it as shipped.
  perMessageDeflate: false,
});

// The load generator's client names its chats in the handshake; the bound keeps one client's cost bounded.
const maxRooms = 100;

io.on("connection", (socket) => {
  const rooms = typeof socket.handshake.query.rooms === "string" ? socket.handshake.query.rooms.split(",") : [];
  if (rooms.length > maxRooms || rooms.some((room) => room.length === 0 || room.length > 100)) {
    socket.emit("error", { code: "bad-rooms", detail: `connect with ?rooms=a,b,... (1 to ${maxRooms} names)` });
    socket.disconnect(true);
    return;
  }
  socket.join(rooms);
});

httpServer.listen(port, "127.0.0.1", () => {
  console.log(`socket.io baseline listening on 127.0.0.1:${port}, adapter on ${redisUrl}`);
});

const stop = () => {
  io.close();
  Promise.allSettled([pubClient.quit(), subClient.quit()]).finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
