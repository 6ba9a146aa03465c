// Prisma's SQLite adapter has ONE better-sqlite3 connection. It lets one transaction at a time
// begin, but a statement outside any transaction runs at once on that connection, so while
// a transaction awaits between its statements (an interactive or nested write), any other
// statement of the process lands INSIDE it: a write acknowledged to its caller is rolled back
// with a transaction it had nothing to do with. The gate closes that gap: statements outside a
// transaction wait until none is open. The answer writer (answer-writer-sqlite.ts, its own
// connection) takes the same turns, so it never waits on a Prisma transaction's write lock while
// holding up the event loop, nor the other way round. The rule this makes strict: inside a Prisma
// transaction use its `tx` only; a statement through the outer client waits for the transaction to
// end (until Prisma's transaction timeout fails it).
//
// The gate wraps the adapter through Prisma's published driver-adapter interface
// (@prisma/driver-adapter-utils), delegating every call: nothing of the adapter's own is read.
import type { ConnectionInfo, IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";

export class SqliteGate {
  /** resolves when the open transaction ends; null while none is open */
  private open: Promise<void> | null = null;

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

  /** The adapter factory Prisma gets: the real one, its adapters taking turns here. */
  wrap(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => new GatedAdapter(await factory.connect(), this),
    };
  }
}

class GatedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  /** only when the adapter has it: Prisma's defaults otherwise */
  readonly getConnectionInfo?: () => ConnectionInfo;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly gate: SqliteGate,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.gate.outsideTransactions(() => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.gate.outsideTransactions(() => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.gate.outsideTransactions(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const endTurn = await this.gate.beginTurn();
    try {
      return new TurnEndingTransaction(await this.inner.startTransaction(isolationLevel), endTurn);
    } catch (error) {
      endTurn();
      throw error;
    }
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** The transaction, ending the turn once it has committed or rolled back. */
class TurnEndingTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];
  /** savepoints only as far as the adapter has them */
  readonly createSavepoint?: (name: string) => Promise<void>;
  readonly rollbackToSavepoint?: (name: string) => Promise<void>;
  readonly releaseSavepoint?: (name: string) => Promise<void>;

  constructor(
    private readonly inner: Transaction,
    private readonly endTurn: () => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
    if (inner.createSavepoint) this.createSavepoint = (name) => inner.createSavepoint!(name);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = (name) => inner.rollbackToSavepoint!(name);
    if (inner.releaseSavepoint) this.releaseSavepoint = (name) => inner.releaseSavepoint!(name);
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  async commit(): Promise<void> {
    try {
      await this.inner.commit();
    } finally {
      this.endTurn();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.inner.rollback();
    } finally {
      this.endTurn();
    }
  }
}
