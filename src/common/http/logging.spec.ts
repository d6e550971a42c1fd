import { QueryFailedError } from 'typeorm';
import { redactUrl, serializeError } from './logging';

describe('serializeError', () => {
  it('keeps what locates a database refusal and drops the values it was given', () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
    const driverError = Object.assign(new Error('null value in column "display_name"'), {
      code: '23502',
      table: 'users',
      column: 'display_name',
      detail: `Failing row contains (0193…, zhang, null, ${hash}).`,
      parameters: ['0193…', 'zhang', null, hash],
    });
    const err = new QueryFailedError('INSERT INTO users (id, username, display_name, password_hash) VALUES ($1, $2, $3, $4)', ['0193…', 'zhang', null, hash], driverError);
    const logged = serializeError(err);
    expect(JSON.stringify(logged)).not.toContain(hash);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23502', driverError: { code: '23502', table: 'users', column: 'display_name' } });
    expect(logged.query).toContain('INSERT INTO users');
    expect(logged.stack).toEqual(expect.any(String));
  });

  it('logs anything thrown that is not an Error as its text', () => {
    expect(serializeError('boom')).toEqual({ message: 'boom' });
  });
});

describe('redactUrl', () => {
  it('replaces credential-like query values and keeps the rest of the address', () => {
    expect(redactUrl('/api/exports/1/file?access_token=eyJhbGciOi.x.y&page=2')).toBe('/api/exports/1/file?access_token=[redacted]&page=2');
    expect(redactUrl('/x?Password=hunter2&q=%E5%B7%A5&refresh%5Ftoken=abc')).toBe('/x?Password=[redacted]&q=%E5%B7%A5&refresh%5Ftoken=[redacted]');
    expect(redactUrl('/x?apiKey=k1&sig=1&signature=s')).toBe('/x?apiKey=[redacted]&sig=1&signature=[redacted]');
  });

  it('leaves an address without a query alone and refuses to guess at an undecodable name', () => {
    expect(redactUrl('/api/centers')).toBe('/api/centers');
    expect(redactUrl('/x?%E0%A4%A=1&page=1')).toBe('/x?[redacted]&page=1');
  });
});
