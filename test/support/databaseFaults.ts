// Database failures injected into a running app, for tests of what an outage in the middle of a request does.
// Each returns jest's spy: restore it (`mockRestore()`) when the test is done.
import { ConnectionError, type Sequelize } from 'sequelize';

/** A statement's text: Sequelize passes a model's writes as `{ query, bind }`, raw queries as a string. */
export const statementText = (sql: unknown) =>
  typeof sql === 'object' && sql !== null && 'query' in sql ? String(sql.query) : String(sql);

/** Fails every statement `matches` picks as a lost connection; the others run as usual. */
export function failStatements(sequelize: Sequelize, matches: (sql: string) => boolean) {
  const query = sequelize.query.bind(sequelize);
  return jest
    .spyOn(sequelize, 'query')
    .mockImplementation(((sql: unknown, options: unknown) =>
      matches(statementText(sql))
        ? Promise.reject(new ConnectionError(new Error('connection lost')))
        : query(sql as string, options as never)) as Sequelize['query']);
}

/** Fails the next transaction to start as a refused connection. */
export function failNextTransaction(sequelize: Sequelize) {
  return jest
    .spyOn(sequelize, 'transaction')
    .mockRejectedValueOnce(new ConnectionError(new Error('connect ECONNREFUSED')));
}
