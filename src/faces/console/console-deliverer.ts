// In local mode the console is where the bot "posts": every outgoing message is printed.
import type { Deletion, Deliverer, Delivery, DeliveryResult } from "../../services/outbox/deliverer.ts";
import { renderConsole } from "./render.ts";

export class ConsoleDeliverer implements Deliverer {
  readonly platform = "console" as const;

  constructor(private readonly write: (text: string) => void) {}

  async deliver(d: Delivery): Promise<DeliveryResult> {
    this.write(`\n→ ${d.target}${d.threadOf ? ` (thread ${d.threadOf})` : ""}\n${renderConsole(d.message)}\n`);
    return { remoteId: null };
  }

  async delete(d: Deletion): Promise<void> {
    this.write(`\n→ ${d.target}: message ${d.remoteId} deleted\n`);
  }
}
