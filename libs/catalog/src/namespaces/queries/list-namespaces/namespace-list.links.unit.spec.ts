import { firstLink, nextLink, quotePlus } from './namespace-list.links';

describe(quotePlus.name, () => {
  describe('when encoding a component', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['a b', 'a+b'],
      ['OS::Compute', 'OS%3A%3ACompute'],
      ['a,b', 'a%2Cb'],
      ['a/b', 'a%2Fb'],
      ["!'()*", '%21%27%28%29%2A'],
      ['_.-~', '_.-~'],
      ['é', '%C3%A9'],
      ['a+b', 'a%2Bb'],
      ['&=?#', '%26%3D%3F%23'],
    ];

    it.each(cases)('encodes %p as %s', (text, encoded) => {
      expect(quotePlus(text)).toBe(encoded);
    });
  });
});

describe(firstLink.name, () => {
  describe('when the request has no parameters', () => {
    it('returns the bare path', () => {
      expect(firstLink([])).toBe('/v2/metadefs/namespaces');
    });

    it('ignores a lone marker', () => {
      expect(firstLink([['marker', 'ns-1']])).toBe('/v2/metadefs/namespaces');
    });
  });

  describe('when the request has parameters', () => {
    it('keeps them in request order', () => {
      const link = firstLink([
        ['limit', '1'],
        ['sort_dir', 'asc'],
        ['foo', 'a b'],
      ]);

      expect(link).toBe('/v2/metadefs/namespaces?limit=1&sort_dir=asc&foo=a+b');
    });

    it('drops the marker', () => {
      const link = firstLink([
        ['marker', 'ns-1'],
        ['limit', '2'],
      ]);

      expect(link).toBe('/v2/metadefs/namespaces?limit=2');
    });

    it('writes repeats once with the last value', () => {
      const link = firstLink([
        ['limit', '1'],
        ['visibility', 'public'],
        ['limit', '5'],
      ]);

      expect(link).toBe('/v2/metadefs/namespaces?limit=5&visibility=public');
    });

    it('encodes names and values', () => {
      const link = firstLink([['resource_types', 'OS::Nova::Flavor,OS::Glance::Image']]);

      expect(link).toBe(
        '/v2/metadefs/namespaces?resource_types=' +
          'OS%3A%3ANova%3A%3AFlavor%2COS%3A%3AGlance%3A%3AImage',
      );
    });
  });
});

describe(nextLink.name, () => {
  describe('when building the next page', () => {
    it('appends the marker last', () => {
      const link = nextLink(
        [
          ['limit', '1'],
          ['sort_dir', 'asc'],
          ['foo', 'a b'],
        ],
        'NS1',
      );

      expect(link).toBe('/v2/metadefs/namespaces?limit=1&sort_dir=asc&foo=a+b&marker=NS1');
    });

    it('starts the query when empty', () => {
      expect(nextLink([], 'OS::X y')).toBe('/v2/metadefs/namespaces?marker=OS%3A%3AX+y');
    });

    it('replaces the old marker', () => {
      const link = nextLink(
        [
          ['marker', 'old'],
          ['limit', '2'],
        ],
        'new',
      );

      expect(link).toBe('/v2/metadefs/namespaces?limit=2&marker=new');
    });
  });
});
