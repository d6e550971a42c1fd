import { firstDifference, jsonbObject, jsonbString, parseJsonb } from './jsonb-text';

describe('jsonb text', () => {
  it('escapes strings as PostgreSQL prints them', () => {
    expect(jsonbString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(jsonbString('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
    expect(jsonbString('\u0001\u001f')).toBe('"\\u0001\\u001f"');
    expect(jsonbString('工会 ✓ 😀 \u007f /')).toBe('"工会 ✓ 😀 \u007f /"');
  });

  it('orders object keys shortest first, then bytewise', () => {
    expect(jsonbObject([['union', '1'], ['at', '2'], ['seq', '3'], ['user', '4'], ['after', '5'], ['Z', '6']])).toBe(
      '{"Z": 6, "at": 2, "seq": 3, "user": 4, "after": 5, "union": 1}',
    );
    expect(jsonbObject([])).toBe('{}');
  });

  it('reads numbers without losing a digit, and strings decoded', () => {
    const v = parseJsonb('{"a": 100.00, "b": [1, -2.50, 1e3], "c": "x\\"y", "d": null, "e": {"f": true}}');
    expect(v).toEqual({
      t: 'object',
      entries: new Map<string, unknown>([
        ['a', { t: 'scalar', text: '100.00' }],
        ['b', { t: 'array', items: [{ t: 'scalar', text: '1' }, { t: 'scalar', text: '-2.50' }, { t: 'scalar', text: '1e3' }] }],
        ['c', { t: 'string', value: 'x"y' }],
        ['d', { t: 'scalar', text: 'null' }],
        ['e', { t: 'object', entries: new Map([['f', { t: 'scalar', text: 'true' }]]) }],
      ]),
    });
    expect(() => parseJsonb('{"a": 1} x')).toThrow(/trailing/);
    expect(() => parseJsonb('{"a" 1}')).toThrow();
  });

  it('finds the first field the live row no longer holds, ignoring fields added to the table later', () => {
    const recorded = parseJsonb('{"id": "v1", "amount": 10.00, "lines": [{"debit": 10.00}, {"debit": 0.00}]}');
    expect(firstDifference(recorded, parseJsonb('{"id": "v1", "new_column": 1, "amount": 10.00, "lines": [{"debit": 10.00}, {"debit": 0.00}]}'))).toBeNull();
    expect(firstDifference(recorded, parseJsonb('{"id": "v1", "amount": 10.0, "lines": [{"debit": 10.00}, {"debit": 0.00}]}'))).toBe('amount');
    expect(firstDifference(recorded, parseJsonb('{"id": "v1", "amount": 10.00, "lines": [{"debit": 10.00}, {"debit": 1.00}]}'))).toBe('lines[1].debit');
    expect(firstDifference(recorded, parseJsonb('{"id": "v1", "amount": 10.00, "lines": [{"debit": 10.00}]}'))).toBe('lines.length');
    expect(firstDifference(recorded, parseJsonb('{"id": "v1", "lines": []}'))).toBe('amount');
  });
});
