import { negotiateErrorFormat, renderError } from './error-format';

describe(negotiateErrorFormat.name, () => {
  describe('when reading Accept', () => {
    const cases: ReadonlyArray<readonly [string | undefined, string]> = [
      [undefined, 'plain'],
      ['', 'plain'],
      ['   ', 'plain'],
      ['*/*', 'html'],
      ['text/*', 'html'],
      ['text/html', 'html'],
      ['application/json', 'json'],
      ['application/*', 'json'],
      ['text/plain', 'plain'],
      ['image/png, text/plain;q=0.5', 'plain'],
      ['text/html, application/json', 'html'],
      ['application/json, text/html', 'html'],
      ['text/html;q=0.5, application/json', 'json'],
      ['text/html;q=0.5, application/json;q=0.5', 'html'],
      ['text/html,application/json;q=0.9', 'html'],
      ['application/json, */*;q=0.1', 'json'],
      ['*/*;q=0.1, application/json;q=0', 'html'],
      ['text/html;q=0, application/json;q=0', 'plain'],
      ['TEXT/HTML', 'html'],
      ['application/json;q=bogus, text/plain', 'plain'],
      ['garbage', 'plain'],
    ];

    it.each(cases)('maps %p to %s', (accept, format) => {
      expect(negotiateErrorFormat(accept)).toBe(format);
    });
  });
});

describe(renderError.name, () => {
  const explanation = 'Namespace ns-1 not found';

  describe('when rendering plain text', () => {
    it('writes the WebOb page', () => {
      expect(renderError(404, explanation, 'plain')).toEqual({
        contentType: 'text/plain; charset=UTF-8',
        body: '404 Not Found\n\nNamespace ns-1 not found\n\n   ',
      });
    });

    it('strips tags from the explanation', () => {
      expect(renderError(404, 'Namespace <b>x</b> not found', 'plain').body).toBe(
        '404 Not Found\n\nNamespace x not found\n\n   ',
      );
    });

    it('uses the short method tail', () => {
      const message = 'The method PATCH is not allowed for this resource. ';

      expect(renderError(405, message, 'plain', 'method').body).toBe(
        '405 Method Not Allowed\n\nThe method PATCH is not allowed for this resource. \n\n ',
      );
    });
  });

  describe('when rendering JSON', () => {
    it('writes the WebOb page', () => {
      expect(renderError(404, explanation, 'json')).toEqual({
        contentType: 'application/json',
        body:
          '{"message": "Namespace ns-1 not found<br /><br />\\n\\n\\n", ' +
          '"code": "404 Not Found", "title": "Not Found"}',
      });
    });

    it('uses the method template', () => {
      const message = 'The method PATCH is not allowed for this resource. ';

      expect(renderError(405, message, 'json', 'method').body).toBe(
        '{"message": "The method PATCH is not allowed for this resource. <br /><br />\\n", ' +
          '"code": "405 Method Not Allowed", "title": "Method Not Allowed"}',
      );
    });

    it('writes non-ASCII as UTF-8', () => {
      expect(renderError(409, 'Namespace café \u{1F600} "q"', 'json').body).toBe(
        '{"message": "Namespace café \u{1F600} \\"q\\"<br /><br />\\n\\n\\n", ' +
          '"code": "409 Conflict", "title": "Conflict"}',
      );
    });

    it('keeps tags unescaped', () => {
      const parsed = JSON.parse(renderError(404, 'Namespace <b> not found', 'json').body);

      expect(parsed.message).toBe('Namespace <b> not found<br /><br />\n\n\n');
    });
  });

  describe('when rendering HTML', () => {
    it('writes the WebOb page', () => {
      expect(renderError(404, explanation, 'html')).toEqual({
        contentType: 'text/html; charset=UTF-8',
        body:
          '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n' +
          '  <h1>404 Not Found</h1>\n  Namespace ns-1 not found<br /><br />\n\n\n' +
          '\n </body>\n</html>',
      });
    });

    it('escapes markup in the explanation', () => {
      expect(renderError(404, `a<b>&"c'`, 'html').body).toContain(
        '  a&lt;b&gt;&amp;&quot;c&#x27;<br /><br />\n',
      );
    });

    it('escapes a line break tag too', () => {
      expect(renderError(404, 'Namespace x<br />y not found', 'html').body).toContain(
        '  Namespace x&lt;br /&gt;y not found<br /><br />\n',
      );
    });

    it('writes non-ASCII as UTF-8', () => {
      expect(renderError(404, 'café \u{1F600}', 'html').body).toContain(
        '  café \u{1F600}<br /><br />\n',
      );
    });

    it('uses the method template', () => {
      expect(renderError(405, 'The method X is not allowed. ', 'html', 'method').body).toBe(
        '<html>\n <head>\n  <title>405 Method Not Allowed</title>\n </head>\n <body>\n' +
          '  <h1>405 Method Not Allowed</h1>\n  The method X is not allowed. <br /><br />\n\n' +
          ' </body>\n</html>',
      );
    });
  });

  describe('when the status is unlisted', () => {
    it('titles it Error', () => {
      expect(JSON.parse(renderError(418, 'x', 'json').body).code).toBe('418 Error');
    });
  });
});
