// A keep-alive JSON server for the transport benchmark, run in its own process so the server's
// work never competes with the client being measured on the same event loop.
import { createServer } from "node:http";

const body = JSON.stringify({
  id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
  object: "customer",
  customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
  created_at: "2026-11-22T09:10:00.000Z",
  name: "John Doe",
  email: "john.doe@example.com",
});
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("disconnect", () => process.exit(0));
