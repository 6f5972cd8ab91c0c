// Checklist: a database that is down, saturated or shutting down is a 503 the client may retry, never a 500, and
// operators see what failed underneath. The fault suite proves it against a real outage; these cases pin down
// each error shape the pg driver and Sequelize report one with, and what is not an outage.
import express from 'express';
import request from 'supertest';
import { ConnectionError, DatabaseError, TimeoutError } from 'sequelize';
import { createErrorHandler } from '../../src/http/errorHandler';
import { createLogger } from '../../src/logger';

/** pg's error: an Error with a SQLSTATE (or errno name) in `code`. */
function driverError(message: string, code?: string): Error & { code?: string; sql: string } {
  return Object.assign(new Error(message), { sql: 'SELECT 1' }, code === undefined ? {} : { code });
}

/** Sequelize's wrapping of a driver error: the driver's error is `parent`. */
function wrapped(error: Error & { sql: string }): DatabaseError {
  return new DatabaseError(error);
}

const logged: Record<string, unknown>[] = [];
let thrown: unknown;
const app = express();
app.get('/', () => {
  throw thrown;
});
app.use(createErrorHandler(createLogger('info', { write: (line: string) => logged.push(JSON.parse(line)) })));

async function answerTo(error: unknown) {
  thrown = error;
  logged.length = 0;
  return request(app).get('/');
}

describe('database unavailable', () => {
  it.each([
    ['a refused or lost connection (Sequelize ConnectionError)', () => new ConnectionError(new Error('refused'))],
    ['a pool acquire timeout (Sequelize TimeoutError)', () => new TimeoutError(driverError('timeout'))],
    ['a connection exception, class 08 (08006)', () => wrapped(driverError('connection failure', '08006'))],
    ['another class 08 code (08001)', () => wrapped(driverError('cannot connect', '08001'))],
    ['an administrator shutdown (57P01)', () => wrapped(driverError('terminating connection', '57P01'))],
    ['a crash shutdown (57P02)', () => wrapped(driverError('terminating connection', '57P02'))],
    ['a server starting up (57P03)', () => wrapped(driverError('the database system is starting up', '57P03'))],
    ['a cancelled statement (57014)', () => wrapped(driverError('canceling statement', '57014'))],
    ['too many connections (53300)', () => wrapped(driverError('too many clients', '53300'))],
    ['a reset socket (ECONNRESET)', () => wrapped(driverError('read ECONNRESET', 'ECONNRESET'))],
    ['a refused socket (ECONNREFUSED)', () => wrapped(driverError('connect ECONNREFUSED', 'ECONNREFUSED'))],
    ['a broken pipe (EPIPE)', () => wrapped(driverError('write EPIPE', 'EPIPE'))],
    ['a bare driver error with the code (prepared statements)', () => driverError('terminating connection', '57P01')],
    ['a socket closed mid-query, no code', () => wrapped(driverError('Connection terminated unexpectedly'))],
    [
      'a client no longer queryable, no code',
      () => driverError('Client has encountered a connection error and is not queryable'),
    ],
  ])('answers %s with 503, logged as a warning with its cause', async (_label, make) => {
    const error = make();
    const res = await answerTo(error);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: 'Service temporarily unavailable', code: 'SERVICE_UNAVAILABLE' });
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'Service temporarily unavailable', err: expect.anything() }),
    ]);
  });

  it.each([
    ['a syntax error (42601)', () => wrapped(driverError('syntax error', '42601'))],
    ['a code that only contains 08 (42808)', () => wrapped(driverError('wrong object type', '42808'))],
    ['a numeric code', () => Object.assign(new Error('odd'), { code: 8006 })],
    ['a message that mentions a lost connection mid-sentence', () => driverError('Not a Connection terminated error')],
    ['a non-Error value', () => ({ message: 'Connection terminated unexpectedly', code: '08006' })],
  ])('answers %s as a bug: 500, logged as an error', async (_label, make) => {
    const res = await answerTo(make());
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal server error', code: 'INTERNAL_ERROR' });
    expect(logged).toEqual([expect.objectContaining({ level: 'error', msg: 'unhandled error' })]);
  });
});
