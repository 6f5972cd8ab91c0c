// Database failures injected into a running app, for tests of what an outage in the middle of a request does, and
// the statements an app sends. The failures return jest's spy: restore it (`mockRestore()`) when the test is done.
import { ConnectionError, type Sequelize } from 'sequelize';

/** A statement's text: Sequelize passes a model's writes as `{ query, bind }`, raw queries as a string. */
const statementText = (sql: unknown) =>
  typeof sql === 'object' && sql !== null && 'query' in sql ? String(sql.query) : String(sql);

/**
 * The text of every statement sent through `sequelize.query` while `run` runs, in order. Prepared statements
 * (`src/db/statements.ts`, such as the session store's) go straight to a pooled connection and are not seen.
 */
export async function statementsDuring(sequelize: Sequelize, run: () => Promise<unknown>): Promise<string[]> {
  const query = jest.spyOn(sequelize, 'query');
  try {
    await run();
    return query.mock.calls.map(([sql]) => statementText(sql));
  } finally {
    query.mockRestore();
  }
}

/** Spies on `sequelize.query`: each statement goes to `handle` with its text and a function that sends it. */
function interceptStatements(
  sequelize: Sequelize,
  handle: (sql: string, send: () => Promise<unknown>) => Promise<unknown>,
) {
  const query = sequelize.query.bind(sequelize);
  return jest
    .spyOn(sequelize, 'query')
    .mockImplementation(((sql: unknown, options: unknown) =>
      handle(statementText(sql), () => query(sql as string, options as never))) as Sequelize['query']);
}

/**
 * Holds the first statement `matches` picks until `release()`: `reached` resolves when it is sent. The other
 * statements run as usual. For tests of what a second request does while the first sits inside its transaction.
 */
export function holdStatement(sequelize: Sequelize, matches: (sql: string) => boolean) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached = () => {};
  const sent = new Promise<void>((resolve) => (reached = resolve));
  let held = false;
  const spy = interceptStatements(sequelize, async (sql, send) => {
    if (!held && matches(sql)) {
      held = true;
      reached();
      await released;
    }
    return send();
  });
  return { reached: sent, release, restore: () => spy.mockRestore() };
}

/** Fails every statement `matches` picks as a lost connection; the others run as usual. */
export function failStatements(sequelize: Sequelize, matches: (sql: string) => boolean) {
  return interceptStatements(sequelize, (sql, send) =>
    matches(sql) ? Promise.reject(new ConnectionError(new Error('connection lost'))) : send(),
  );
}

/** Fails the next transaction to start as a refused connection. */
export function failNextTransaction(sequelize: Sequelize) {
  return jest
    .spyOn(sequelize, 'transaction')
    .mockRejectedValueOnce(new ConnectionError(new Error('connect ECONNREFUSED')));
}
