import {
  definitionsToMap,
  mapToDefinitions,
  normalizeDefinition,
  sortedByName,
} from './property-definition';

describe(normalizeDefinition.name, () => {
  describe('when default is not a string', () => {
    const cases = [
      { label: 'a string', value: 'text', expected: 'text' },
      { label: 'an integer', value: 100, expected: '100' },
      { label: 'a float', value: 1.5, expected: '1.5' },
      { label: 'an integral large number', value: 1e16, expected: '10000000000000000' },
      { label: 'a small float', value: 0.00001, expected: '1e-05' },
      { label: 'true', value: true, expected: 'True' },
      { label: 'false', value: false, expected: 'False' },
      { label: 'null', value: null, expected: null },
      { label: 'an array', value: ['a'], expected: null },
      { label: 'an object', value: { a: 1 }, expected: null },
    ];

    it.each(cases)('turns $label into $expected', ({ value, expected }) => {
      const normalized = normalizeDefinition({ title: 'T', type: 'string', default: value });

      expect(normalized).toEqual({ title: 'T', type: 'string', default: expected });
    });
  });

  describe('when limits are fractional', () => {
    const cases = [
      { key: 'minimum', value: 0.5, expected: 0 },
      { key: 'maximum', value: -2.9, expected: -2 },
      { key: 'minimum', value: -0.5, expected: 0 },
      { key: 'minLength', value: 1.0, expected: 1 },
      { key: 'maxItems', value: 7.9, expected: 7 },
    ];

    it.each(cases)('truncates $key $value to $expected', ({ key, value, expected }) => {
      const normalized = normalizeDefinition({ [key]: value });

      expect(Object.is(normalized[key], expected)).toBe(true);
    });
  });

  describe('when items has extra keys', () => {
    it('keeps only type and enum', () => {
      const normalized = normalizeDefinition({
        type: 'array',
        items: { type: 'string', enum: ['a'], minLength: 2 },
      });

      expect(normalized).toEqual({ type: 'array', items: { type: 'string', enum: ['a'] } });
    });

    it('adds no absent item keys', () => {
      const normalized = normalizeDefinition({ type: 'array', items: { type: 'string' } });

      expect(normalized.items).toEqual({ type: 'string' });
    });
  });

  describe('when keys are absent', () => {
    it('adds none', () => {
      const definition = { title: 'T', type: 'boolean', readonly: false, operators: ['<or>'] };

      expect(normalizeDefinition(definition)).toEqual(definition);
    });
  });

  describe('when normalising twice', () => {
    it('changes nothing more', () => {
      const once = normalizeDefinition({ type: 'number', default: 2.5, minimum: 0.5 });

      expect(normalizeDefinition(once)).toEqual(once);
    });
  });
});

describe(mapToDefinitions.name, () => {
  describe('when converting both ways', () => {
    it('keeps key order', () => {
      const map = { b: { type: 'string' }, a: { type: 'integer' } };

      const entries = mapToDefinitions(map);

      expect(entries.map((entry) => entry.name)).toEqual(['b', 'a']);
      expect(definitionsToMap(entries)).toEqual(map);
    });

    it('reads a missing map as empty', () => {
      expect(mapToDefinitions(undefined)).toEqual([]);
      expect(mapToDefinitions(null)).toEqual([]);
    });
  });
});

describe(sortedByName.name, () => {
  describe('when names differ in case', () => {
    it('sorts by code unit', () => {
      const sorted = sortedByName([{ name: 'b' }, { name: 'B' }, { name: 'a' }, { name: 'A' }]);

      expect(sorted.map((entry) => entry.name)).toEqual(['A', 'B', 'a', 'b']);
    });
  });
});
