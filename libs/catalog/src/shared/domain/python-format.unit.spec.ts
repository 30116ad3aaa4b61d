import { formatPythonFloat, formatPythonNumber, formatPythonNumberToken } from './python-format';

describe(formatPythonFloat.name, () => {
  describe('when formatting like repr', () => {
    const cases: ReadonlyArray<readonly [number, string]> = [
      [1, '1.0'],
      [1.5, '1.5'],
      [-2.25, '-2.25'],
      [0, '0.0'],
      [-0, '-0.0'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [0.000123, '0.000123'],
      [1e15, '1000000000000000.0'],
      [9999999999999998, '9999999999999998.0'],
      [1e16, '1e+16'],
      [1.5e16, '1.5e+16'],
      [123456789012345680, '1.2345678901234568e+17'],
      [1e22, '1e+22'],
      [-1e-7, '-1e-07'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [123.456, '123.456'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
    ];

    it.each(cases)('formats %p as %s', (value, text) => {
      expect(formatPythonFloat(value)).toBe(text);
    });
  });
});

describe(formatPythonNumberToken.name, () => {
  describe('when reading JSON tokens', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['100', '100'],
      ['-7', '-7'],
      ['-0', '0'],
      ['12345678901234567890123', '12345678901234567890123'],
      ['1.0', '1.0'],
      ['1E2', '100.0'],
      ['1e16', '1e+16'],
      ['0.00001', '1e-05'],
      ['-0.0', '-0.0'],
      ['1e999', 'inf'],
      ['-1e999', '-inf'],
    ];

    it.each(cases)('formats %s as %s', (token, text) => {
      expect(formatPythonNumberToken(token)).toBe(text);
    });
  });
});

describe(formatPythonNumber.name, () => {
  describe('when the token is unknown', () => {
    const cases: ReadonlyArray<readonly [number, string]> = [
      [8, '8'],
      [-3, '-3'],
      [1e20, '100000000000000000000'],
      [1e21, '1e+21'],
      [2.5, '2.5'],
    ];

    it.each(cases)('formats %p as %s', (value, text) => {
      expect(formatPythonNumber(value)).toBe(text);
    });
  });
});
