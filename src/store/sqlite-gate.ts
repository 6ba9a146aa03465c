// Prisma's SQLite adapter has ONE better-sqlite3 connection. It lets one transaction at a time
// begin, but a statement outside any transaction runs at once on that connection, so while
// a transaction awaits between its statements (an interactive or nested write), any other
// statement of the process lands INSIDE it: a write acknowledged to its caller is rolled back
// with a transaction it had nothing to do with. The gate closes that gap: statements outside a
// transaction wait until none is open. It also lets the answer store write on the connection
// directly (sql-runner.ts SharedSqlite), in the same turns. The rule this makes strict: inside a
// Prisma transaction use its `tx` only; a statement through the outer client waits for the
// transaction to end (until Prisma's transaction timeout fails it).
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { SqliteConnection } from "./database.ts";

export class SqliteGate {
  /** resolves when the open transaction ends; null while none is open */
  private open: Promise<void> | null = null;
  private current: SqliteConnection | null = null;

  /** The connection, while it is open (null before Prisma connects and after it disconnects). */
  connection(): SqliteConnection | null {
    return this.current?.open ? this.current : null;
  }

  /** Runs `work` as soon as no transaction is open. `work` must start its statement synchronously
   * (better-sqlite3 runs it there and then), so no transaction can begin in between. */
  async outsideTransactions<T>(work: () => T): Promise<Awaited<T>> {
    while (this.open) await this.open;
    return await work();
  }

  /** Waits for the turn to open a transaction; the returned function ends the turn. */
  async beginTurn(): Promise<() => void> {
    while (this.open) await this.open;
    let end!: () => void;
    this.open = new Promise<void>((resolve) => (end = resolve));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.open = null;
      end();
    };
  }

  /** The adapter factory Prisma gets: the real one, its adapters gated (and their connection noted). */
  wrap(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const adapter = await factory.connect();
        // The adapter keeps its connection in a public `client` field.
        this.current = (adapter as unknown as { client: SqliteConnection }).client;
        return this.gated(adapter);
      },
    };
  }

  private gated(adapter: SqlDriverAdapter): SqlDriverAdapter {
    return new Proxy(adapter, {
      get: (target, key) => {
        if (key === "queryRaw" || key === "executeRaw" || key === "executeScript") {
          const method = target[key].bind(target) as (arg: never) => Promise<unknown>;
          return (arg: never) => this.outsideTransactions(() => method(arg));
        }
        if (key === "startTransaction") {
          return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => {
            const endTurn = await this.beginTurn();
            try {
              return endingTurn(await target.startTransaction(...args), endTurn);
            } catch (error) {
              endTurn();
              throw error;
            }
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}

/** The transaction, ending the turn once it has committed or rolled back. */
function endingTurn(transaction: Transaction, endTurn: () => void): Transaction {
  return new Proxy(transaction, {
    get: (target, key) => {
      if (key === "commit" || key === "rollback") {
        return async () => {
          try {
            await target[key]();
          } finally {
            endTurn();
          }
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
