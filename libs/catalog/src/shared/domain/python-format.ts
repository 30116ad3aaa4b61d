/**
 * Formats a number as Python's `repr(float)` does: the shortest digits that round-trip, fixed
 * notation with at least one decimal when the decimal exponent is in [-4, 16), otherwise
 * scientific notation with a signed exponent of at least two digits (`1e+16`, `1e-05`).
 * A JSON token too large for a double (`1e999`) is infinite, which Python writes `inf`.
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) {
    return Object.is(value, -0) ? '-0.0' : '0.0';
  }
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);

  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
    const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1) || '0';
    return `${sign}${integerPart}.${fraction}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const exponentSign = exponent < 0 ? '-' : '+';
  const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${digits[0]}${fraction}e${exponentSign}${exponentDigits}`;
}

/**
 * Formats a JSON number token as Python's `str()` formats the value `json.loads` gives for it:
 * integer tokens keep every digit, tokens with a fraction or exponent become floats.
 */
export function formatPythonNumberToken(token: string): string {
  if (/^-?\d+$/.test(token)) {
    const text = BigInt(token).toString();
    return text;
  }
  return formatPythonFloat(Number(token));
}

/** Formats a number whose JSON token is unknown, treating integral values as Python ints. */
export function formatPythonNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    return BigInt(value).toString();
  }
  return formatPythonFloat(value);
}
