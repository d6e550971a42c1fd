import { isTransientFailure, JobInterrupted } from './job-failure';

describe('isTransientFailure', () => {
  it.each([
    ['a dropped connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['an administrator shutdown of PostgreSQL', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a connection failure', Object.assign(new Error('x'), { code: '08006' })],
    ['too many connections', Object.assign(new Error('x'), { code: '53300' })],
    ['a serialization failure', Object.assign(new Error('x'), { code: '40001' })],
    ['a full disk', Object.assign(new Error('x'), { code: 'ENOSPC' })],
    ["pg's own message when the server went away", new Error('Connection terminated unexpectedly')],
    ['a stop of the service', new JobInterrupted('service stopping')],
  ])('retries after %s', (_what, err) => {
    expect(isTransientFailure(err)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a constraint violation', Object.assign(new Error('x'), { code: '23505' })],
    ['an undefined table', Object.assign(new Error('x'), { code: '42P01' })],
    ['nothing at all', undefined],
  ])('does not retry %s', (_what, err) => {
    expect(isTransientFailure(err)).toBe(false);
  });
});
