import { CatalogFileError, readCatalogFile } from './catalog-file';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(readCatalogFile.name, () => {
  describe('when the file has every key', () => {
    const content = {
      namespace: 'OS::Compute::Example',
      display_name: 'Example',
      description: 'An example',
      visibility: 'public',
      protected: true,
      owner: 'project-x',
      resource_type_associations: [
        { name: 'OS::Nova::Flavor', prefix: 'hw:' },
        { name: 'OS::Glance::Image', prefix: 'hw_', properties_target: 'image' },
      ],
      properties: { cpu: { title: 'CPU', type: 'integer', default: 8 } },
      objects: [
        {
          name: 'Limits',
          description: 'Some',
          required: ['a'],
          properties: { a: { type: 'string' } },
        },
        { name: 'Bare' },
      ],
      tags: [{ name: 'fast' }],
      ignored_key: 'anything',
    };

    it('reads each field', () => {
      expect(readCatalogFile(content)).toEqual({
        namespace: 'OS::Compute::Example',
        display_name: 'Example',
        description: 'An example',
        visibility: 'public',
        protected: true,
        owner: 'project-x',
        resource_type_associations: [
          { name: 'OS::Nova::Flavor', prefix: 'hw:', properties_target: null },
          { name: 'OS::Glance::Image', prefix: 'hw_', properties_target: 'image' },
        ],
        properties: { cpu: { title: 'CPU', type: 'integer', default: 8 } },
        objects: [
          {
            name: 'Limits',
            description: 'Some',
            required: ['a'],
            properties: { a: { type: 'string' } },
          },
          { name: 'Bare', description: null, required: [], properties: {} },
        ],
        tags: ['fast'],
      });
    });
  });

  describe('when optional keys are absent', () => {
    it('uses nulls and the admin owner', () => {
      expect(readCatalogFile({ namespace: 'OS::Minimal' })).toEqual({
        namespace: 'OS::Minimal',
        display_name: null,
        description: null,
        visibility: null,
        protected: null,
        owner: 'admin',
        resource_type_associations: [],
        properties: {},
        objects: [],
        tags: [],
      });
    });

    it('treats null like absent', () => {
      const file = readCatalogFile({ namespace: 'OS::Nulls', owner: null, tags: null });

      expect(file.owner).toBe('admin');
      expect(file.tags).toEqual([]);
    });
  });

  describe('when the shape is wrong', () => {
    const cases = [
      { label: 'an array', content: [], message: 'the file is not a JSON object' },
      { label: 'a string', content: 'text', message: 'the file is not a JSON object' },
      { label: 'null', content: null, message: 'the file is not a JSON object' },
      { label: 'no namespace', content: {}, message: '"namespace" must be a non-empty string' },
      {
        label: 'an empty namespace',
        content: { namespace: '' },
        message: '"namespace" must be a non-empty string',
      },
      {
        label: 'a numeric namespace',
        content: { namespace: 5 },
        message: '"namespace" must be a non-empty string',
      },
      {
        label: 'a numeric display name',
        content: { namespace: 'n', display_name: 3 },
        message: '"display_name" must be a string',
      },
      {
        label: 'a string protected flag',
        content: { namespace: 'n', protected: 'yes' },
        message: '"protected" must be true or false',
      },
      {
        label: 'associations as an object',
        content: { namespace: 'n', resource_type_associations: {} },
        message: '"resource_type_associations" must be a list of objects',
      },
      {
        label: 'an association without name',
        content: { namespace: 'n', resource_type_associations: [{ prefix: 'x' }] },
        message: '"resource_type_associations[0].name" is required',
      },
      {
        label: 'a numeric prefix',
        content: { namespace: 'n', resource_type_associations: [{ name: 'r', prefix: 1 }] },
        message: '"resource_type_associations[0].prefix" must be a string',
      },
      {
        label: 'properties as a list',
        content: { namespace: 'n', properties: [] },
        message: '"properties" must map names to property definitions',
      },
      {
        label: 'a scalar definition',
        content: { namespace: 'n', properties: { p: 'string' } },
        message: '"properties" must map names to property definitions',
      },
      {
        label: 'an object without name',
        content: { namespace: 'n', objects: [{ description: 'd' }] },
        message: '"objects[0].name" is required',
      },
      {
        label: 'a scalar object item',
        content: { namespace: 'n', objects: ['o'] },
        message: '"objects" must be a list of objects',
      },
      {
        label: 'a non-list required',
        content: { namespace: 'n', objects: [{ name: 'o', required: 'a' }] },
        message: '"objects[0].required" must be a list of strings',
      },
      {
        label: 'bad object properties',
        content: { namespace: 'n', objects: [{ name: 'o', properties: { a: 1 } }] },
        message: '"objects[0].properties" must map names to property definitions',
      },
      {
        label: 'a string tag',
        content: { namespace: 'n', tags: ['fast'] },
        message: '"tags" must be a list of objects',
      },
      {
        label: 'a tag without name',
        content: { namespace: 'n', tags: [{}] },
        message: '"tags[0].name" is required',
      },
      {
        label: 'a property named __proto__',
        content: JSON.parse('{"namespace": "n", "properties": {"__proto__": {"type": "string"}}}'),
        message: `"properties.__proto__" is '__proto__', which cannot be a name`,
      },
      {
        label: 'a namespace named __proto__',
        content: { namespace: '__proto__' },
        message: `"namespace" is '__proto__', which cannot be a name`,
      },
      {
        label: 'a namespace name with a slash',
        content: { namespace: 'a/b' },
        message: `"namespace" is a name with '/'`,
      },
      {
        label: 'a tag name with a 4-byte character',
        content: { namespace: 'n', tags: [{ name: 'fast\u{1F680}' }] },
        message: '"tags[0].name" is a name with a 4-byte UTF-8 character',
      },
      {
        label: 'an empty object name',
        content: { namespace: 'n', objects: [{ name: '' }] },
        message: '"objects[0].name" is an empty name',
      },
      {
        label: 'an association named __proto__',
        content: { namespace: 'n', resource_type_associations: [{ name: '__proto__' }] },
        message: `"resource_type_associations[0].name" is '__proto__', which cannot be a name`,
      },
      {
        label: 'an infinite minimum',
        content: JSON.parse(
          '{"namespace": "n", "properties": {"p": {"type": "number", "minimum": 1e999}}}',
        ),
        message: '"properties.p.minimum" is a number too large for a double',
      },
      {
        label: 'an unpaired surrogate',
        content: JSON.parse('{"namespace": "n\\ud800"}'),
        message: 'the file has a string with an unpaired UTF-16 surrogate escape',
      },
      {
        label: 'nesting past the limit',
        content: { namespace: 'n', x: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) },
        message: 'the file nests arrays and objects more than 32 levels deep',
      },
    ];

    it.each(cases)('rejects $label', ({ content, message }) => {
      const error = thrown(() => readCatalogFile(content));

      expect(error).toBeInstanceOf(CatalogFileError);
      expect((error as Error).message).toBe(message);
    });
  });
});
