/**
 * A parsed oslo.policy check string. `generic` compares a credential (or a quoted literal)
 * with a value that may substitute target fields, as in `project_id:%(project_id)s` or
 * `'public':%(visibility)s`.
 */
export type PolicyCheck =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'and'; readonly checks: readonly PolicyCheck[] }
  | { readonly kind: 'or'; readonly checks: readonly PolicyCheck[] }
  | { readonly kind: 'not'; readonly check: PolicyCheck }
  | { readonly kind: 'rule'; readonly name: string }
  | { readonly kind: 'role'; readonly role: string }
  | { readonly kind: 'generic'; readonly left: string; readonly literal: boolean; readonly right: string };

/** A check string that does not parse; `position` is the offending token's character offset. */
export class PolicySyntaxError extends Error {
  constructor(
    readonly checkString: string,
    readonly position: number,
    reason: string,
  ) {
    super(`${reason} at character ${position} of "${checkString}"`);
    this.name = 'PolicySyntaxError';
  }
}

interface Token {
  readonly text: string;
  readonly position: number;
}

/**
 * Parses an oslo.policy check string: `@`, `!`, `rule:NAME`, `role:NAME`, `KEY:VALUE`, the
 * operators `and`, `or`, `not` and parentheses. An empty string always passes.
 */
export function parsePolicyCheck(checkString: string): PolicyCheck {
  const tokens = tokenize(checkString);
  if (tokens.length === 0) return { kind: 'true' };
  const parser = new Parser(checkString, tokens);
  const check = parser.parseOr();
  parser.expectEnd();
  return check;
}

/**
 * Splits on white space, then peels parentheses off the ends of each word, so that
 * `%(project_id)s` inside a check stays whole while `(role:a` and `role:b)` group.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const words = /\S+/g;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    let word = match[0];
    let start = match.index;
    while (word.startsWith('(')) {
      tokens.push({ text: '(', position: start });
      word = word.slice(1);
      start += 1;
    }
    const closing: Token[] = [];
    while (word.endsWith(')') && !/%\([^)]*\)$/.test(word)) {
      closing.unshift({ text: ')', position: start + word.length - 1 });
      word = word.slice(0, -1);
    }
    if (word) tokens.push({ text: word, position: start });
    tokens.push(...closing);
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseOr(): PolicyCheck {
    const checks = [this.parseAnd()];
    while (this.peekWord('or')) {
      this.index += 1;
      checks.push(this.parseAnd());
    }
    return checks.length === 1 ? checks[0] : { kind: 'or', checks };
  }

  expectEnd(): void {
    const token = this.tokens[this.index];
    if (token) throw new PolicySyntaxError(this.source, token.position, `unexpected "${token.text}"`);
  }

  private parseAnd(): PolicyCheck {
    const checks = [this.parseNot()];
    while (this.peekWord('and')) {
      this.index += 1;
      checks.push(this.parseNot());
    }
    return checks.length === 1 ? checks[0] : { kind: 'and', checks };
  }

  private parseNot(): PolicyCheck {
    if (this.peekWord('not')) {
      this.index += 1;
      return { kind: 'not', check: this.parseNot() };
    }
    return this.parseAtom();
  }

  private parseAtom(): PolicyCheck {
    const token = this.tokens[this.index];
    if (!token) {
      throw new PolicySyntaxError(this.source, this.source.length, 'unexpected end of the check string');
    }
    this.index += 1;
    if (token.text === '(') {
      const inner = this.parseOr();
      const closing = this.tokens[this.index];
      if (closing?.text !== ')') {
        throw new PolicySyntaxError(this.source, closing?.position ?? this.source.length, 'missing ")"');
      }
      this.index += 1;
      return inner;
    }
    return parseCheck(this.source, token);
  }

  private peekWord(word: string): boolean {
    return this.tokens[this.index]?.text.toLowerCase() === word;
  }
}

function parseCheck(source: string, token: Token): PolicyCheck {
  if (token.text === '@') return { kind: 'true' };
  if (token.text === '!') return { kind: 'false' };
  const colon = token.text.indexOf(':');
  if (colon <= 0) {
    throw new PolicySyntaxError(source, token.position, `"${token.text}" is not a check`);
  }
  const left = token.text.slice(0, colon);
  const right = token.text.slice(colon + 1);
  if (left === 'rule') return { kind: 'rule', name: right };
  if (left === 'role') return { kind: 'role', role: right.toLowerCase() };
  const quoted = /^(['"])(.*)\1$/.exec(left);
  return quoted
    ? { kind: 'generic', left: quoted[2], literal: true, right }
    : { kind: 'generic', left, literal: false, right };
}
