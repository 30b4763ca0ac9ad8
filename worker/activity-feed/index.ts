import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { closeSocket, EventLog, hibernatableSockets, type LoggedEvent } from "../event-log";

export type ActivityEvent = {
  type: string;
  summary: string;
  deliveryId?: string;
  runId?: number;
  prId?: number;
  [key: string]: unknown;
};

/** All activity (deliveries, run status, gate decisions) for the overview page: one instance, `GET /stream`. */
export class ActivityFeed extends DurableObject<Env> {
  private readonly log: EventLog;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new EventLog(ctx.storage.sql, 2_000, hibernatableSockets(ctx));
  }

  publish(events: ActivityEvent[]): number {
    for (const { type, ...data } of events) this.log.append(type, data);
    return events.length;
  }

  recent(limit = 100): LoggedEvent[] {
    return this.log.since(0).slice(-limit);
  }

  override async fetch(request: Request): Promise<Response> {
    return this.log.stream(request);
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    closeSocket(socket, code);
  }
}
