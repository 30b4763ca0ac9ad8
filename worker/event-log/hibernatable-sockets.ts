import type { HibernatableSockets } from ".";

/** The object's hibernatable WebSockets, for EventLog; the object must also define webSocketClose. */
export function hibernatableSockets(ctx: DurableObjectState): HibernatableSockets {
  return { accept: (socket) => ctx.acceptWebSocket(socket), all: () => ctx.getWebSockets() };
}

/** webSocketClose for a room: the relaying Worker went away; finish the close handshake. */
export function closeSocket(socket: WebSocket, code: number): void {
  try {
    // 1005/1006 mean "no code"/"abnormal" and may not be sent back.
    socket.close(code === 1005 || code === 1006 ? 1000 : code, "viewer gone");
  } catch {
    // already closed
  }
}
