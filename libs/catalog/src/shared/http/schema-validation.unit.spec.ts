import { AssociationRequestDto } from '../../namespaces/dto/association.request.dto';
import { NamespaceRequestDto } from '../../namespaces/dto/namespace.request.dto';
import {
  CreateObjectRequestDto,
  UpdateObjectRequestDto,
} from '../../namespaces/dto/object.request.dto';
import { PropertyRequestDto } from '../../namespaces/dto/property-definition.request.dto';
import { namespaceInputOf, propertyInputOf } from '../../namespaces/dto/request-inputs';
import { TagRequestDto, TagsRequestDto } from '../../namespaces/dto/tag.request.dto';
import { CatalogError, ForbiddenError, InvalidInputError } from '../domain/catalog-error';
import { Messages, SchemaReasons } from '../domain/messages';
import { BodySchema, validateBody } from './schema-validation';

/** The body schemas of the routes, as their controllers declare them. */
const NAMESPACE: BodySchema<NamespaceRequestDto> = {
  dto: NamespaceRequestDto,
  name: 'namespace',
  readOnly: ['self', 'schema', 'created_at', 'updated_at'],
};
const PROPERTY: BodySchema<PropertyRequestDto> = {
  dto: PropertyRequestDto,
  name: 'property',
  readOnly: ['created_at', 'updated_at'],
};
const OBJECT_CREATE: BodySchema<CreateObjectRequestDto> = {
  dto: CreateObjectRequestDto,
  name: 'object',
  readOnly: ['self', 'schema', 'created_at', 'updated_at'],
  strictNested: { path: 'properties', name: 'property' },
};
const OBJECT_UPDATE: BodySchema<UpdateObjectRequestDto> = {
  dto: UpdateObjectRequestDto,
  name: 'object',
  readOnly: ['self', 'schema', 'created_at', 'updated_at'],
};
const TAG: BodySchema<TagRequestDto> = {
  dto: TagRequestDto,
  name: 'tag',
  readOnly: ['created_at', 'updated_at'],
};
const TAGS: BodySchema<TagsRequestDto> = {
  dto: TagsRequestDto,
  name: 'tags',
  readOnly: ['created_at', 'updated_at'],
};
const ASSOCIATION: BodySchema<AssociationRequestDto> = {
  dto: AssociationRequestDto,
  name: 'resource_type_association',
  readOnly: ['created_at', 'updated_at'],
};

const DEFINITION = { title: 'Speed', type: 'integer' };
const EMOJI = '\u{1F600}';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

function rejection(body: Record<string, unknown>, schema: BodySchema<object>) {
  const error = thrown(() => validateBody(body, schema)) as CatalogError;
  return { error, detail: error.detail };
}

function reasonOf(body: Record<string, unknown>, schema: BodySchema<object>) {
  return rejection(body, schema).detail.params?.reason;
}

describe(validateBody.name, () => {
  describe('when a read-only key is present', () => {
    it('raises 403 naming the key', () => {
      const { error, detail } = rejection({ namespace: 'ns', created_at: 'x' }, NAMESPACE);

      expect(error).toBeInstanceOf(ForbiddenError);
      expect(detail).toEqual({ key: Messages.READ_ONLY_ATTRIBUTE, params: { key: 'created_at' } });
    });

    it('wins over other problems', () => {
      const { error } = rejection({ self: '/x', unknown: 1, namespace: 5 }, NAMESPACE);

      expect(error).toBeInstanceOf(ForbiddenError);
    });

    it('checks only the top level', () => {
      const body = {
        namespace: 'ns',
        objects: [{ name: 'o', self: '/x', schema: '/s', created_at: 't', updated_at: 't' }],
        resource_type_associations: [{ name: 'r', created_at: 't', updated_at: 't' }],
      };

      expect(() => validateBody(body, NAMESPACE)).not.toThrow();
    });

    it.each([
      ['property', PROPERTY],
      ['tag', TAG],
      ['tags', TAGS],
      ['association', ASSOCIATION],
    ] as const)('guards the %s timestamps', (_label, schema) => {
      const { error } = rejection({ name: 'x', updated_at: 'y' }, schema);

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });

  describe('when the namespace body is valid', () => {
    it('accepts a catalog file body', () => {
      const body = {
        namespace: 'OS::Compute::Example',
        display_name: 'Example',
        description: 'd',
        visibility: 'public',
        protected: true,
        owner: 'p',
        resource_type_associations: [{ name: 'OS::Nova::Flavor', prefix: 'hw:' }],
        properties: {
          cores: {
            title: 'Cores',
            type: 'integer',
            default: 8,
            readonly: false,
            operators: ['<or>'],
          },
        },
        objects: [{ name: 'o', description: 'd', required: ['a'], properties: { a: DEFINITION } }],
        tags: [{ name: 't' }],
      };

      expect(() => validateBody(body, NAMESPACE)).not.toThrow();
    });

    it('returns the DTO instance', () => {
      const dto = validateBody({ namespace: 'ns' }, NAMESPACE);

      expect(dto).toBeInstanceOf(NamespaceRequestDto);
    });
  });

  describe('when keys are unknown', () => {
    it('rejects a top-level key', () => {
      const { error, detail } = rejection({ namespace: 'ns', colour: 'red' }, NAMESPACE);

      expect(error).toBeInstanceOf(InvalidInputError);
      expect(detail).toEqual({
        key: Messages.SCHEMA_MISMATCH,
        params: {
          schema: 'namespace',
          reason: { key: SchemaReasons.UNEXPECTED_PROPERTY, params: { field: 'colour' } },
        },
      });
    });

    it('rejects a key in a definition', () => {
      const body = { namespace: 'ns', properties: { p: { ...DEFINITION, colour: 'red' } } };

      expect(reasonOf(body, NAMESPACE)).toEqual({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: 'properties.p.colour' },
      });
    });

    it('rejects a key in an embedded object', () => {
      const body = { namespace: 'ns', objects: [{ name: 'o', colour: 'red' }] };

      expect(reasonOf(body, NAMESPACE)).toEqual({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: 'objects.0.colour' },
      });
    });

    it('rejects a key in a tag item', () => {
      const body = { tags: [{ name: 't', colour: 'red' }] };

      expect(reasonOf(body, TAGS)).toMatchObject({ key: SchemaReasons.UNEXPECTED_PROPERTY });
    });

    it('rejects a __proto__ key', () => {
      const body = JSON.parse('{"namespace": "ns", "__proto__": {"x": 1}}') as Record<
        string,
        unknown
      >;

      expect(reasonOf(body, NAMESPACE)).toEqual({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: '__proto__' },
      });
    });
  });

  describe('when keys name inherited object members', () => {
    function parsed(text: string): Record<string, unknown> {
      return JSON.parse(text) as Record<string, unknown>;
    }

    it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
      'rejects %s at the top level',
      (key) => {
        const body = parsed(`{"namespace": "ns", "${key}": 1}`);

        expect(reasonOf(body, NAMESPACE)).toEqual({
          key: SchemaReasons.UNEXPECTED_PROPERTY,
          params: { field: key },
        });
      },
    );

    it('rejects one inside a definition', () => {
      const body = parsed(
        '{"namespace": "ns", "objects": [{"name": "o", "properties": {"p": {"title": "P", "type": "string", "constructor": 1}}}]}',
      );

      expect(reasonOf(body, NAMESPACE)).toEqual({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: 'objects.0.properties.p.constructor' },
      });
    });

    it('keeps them as property names', () => {
      const body = parsed(
        '{"namespace": "ns", "properties": {"constructor": {"title": "C", "type": "string"}, "toString": {"title": "T", "type": "string"}}}',
      );

      const dto = validateBody(body, NAMESPACE);

      expect([...(dto.properties?.keys() ?? [])]).toEqual(['constructor', 'toString']);
    });

    it('refuses __proto__ as a property name', () => {
      const body = parsed(
        '{"namespace": "ns", "properties": {"__proto__": {"title": "P", "type": "string"}}}',
      );

      expect(reasonOf(body, NAMESPACE)).toMatchObject({
        key: SchemaReasons.RESERVED_NAME,
        params: { field: 'properties' },
      });
    });

    it('refuses __proto__ as a namespace name', () => {
      expect(reasonOf({ namespace: '__proto__' }, NAMESPACE)).toMatchObject({
        key: SchemaReasons.RESERVED_NAME,
      });
    });
  });

  describe('when list items or map values are not objects', () => {
    it('rejects a list as a tag', () => {
      expect(reasonOf({ tags: [[]] }, TAGS)).toEqual({
        key: SchemaReasons.NOT_AN_OBJECT,
        params: { field: 'tags.0', value: '[]' },
      });
    });

    it('rejects a string as an embedded object', () => {
      expect(reasonOf({ namespace: 'ns', objects: ['o'] }, NAMESPACE)).toEqual({
        key: SchemaReasons.NOT_AN_OBJECT,
        params: { field: 'objects.0', value: '"o"' },
      });
    });

    it('rejects a list as a property definition', () => {
      expect(reasonOf({ namespace: 'ns', properties: { p: [] } }, NAMESPACE)).toEqual({
        key: SchemaReasons.NOT_AN_OBJECT,
        params: { field: 'properties.p', value: '[]' },
      });
    });
  });

  describe('when required keys are missing', () => {
    it('requires the namespace name', () => {
      expect(reasonOf({ display_name: 'x' }, NAMESPACE)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'namespace' },
      });
    });

    it('requires a definition title', () => {
      const body = { namespace: 'ns', properties: { p: { type: 'string' } } };

      expect(reasonOf(body, NAMESPACE)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'properties.p.title' },
      });
    });

    it('requires a definition type', () => {
      expect(reasonOf({ name: 'p', title: 'P' }, PROPERTY)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'type' },
      });
    });

    it('requires a property name', () => {
      expect(reasonOf(DEFINITION, PROPERTY)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'name' },
      });
    });

    it('requires the tags list', () => {
      expect(reasonOf({}, TAGS)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'tags' },
      });
    });

    it('requires embedded names', () => {
      const body = { namespace: 'ns', resource_type_associations: [{ prefix: 'p' }] };

      expect(reasonOf(body, NAMESPACE)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'resource_type_associations.0.name' },
      });
    });
  });

  describe('when definition values are wrong', () => {
    it('rejects a non-string enum item', () => {
      const body = { name: 'p', ...DEFINITION, enum: ['a', 1] };

      expect(reasonOf(body, PROPERTY)).toMatchObject({
        key: SchemaReasons.NOT_A_STRING,
        params: { field: 'enum' },
      });
    });

    it('rejects an unknown type', () => {
      const body = { name: 'p', title: 'P', type: 'date' };

      expect(reasonOf(body, PROPERTY)).toMatchObject({
        key: SchemaReasons.NOT_ONE_OF,
        params: { field: 'type', value: '"date"' },
      });
    });

    it('rejects items without a type', () => {
      const body = { name: 'p', title: 'P', type: 'array', items: { enum: ['a'] } };

      expect(reasonOf(body, PROPERTY)).toEqual({
        key: SchemaReasons.REQUIRED,
        params: { field: 'items.type' },
      });
    });

    it('rejects items with extra keys', () => {
      const body = { name: 'p', title: 'P', type: 'array', items: { type: 'string', min: 1 } };

      expect(reasonOf(body, PROPERTY)).toEqual({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: 'items.min' },
      });
    });

    it('rejects required inside a property', () => {
      const body = { name: 'p', ...DEFINITION, required: ['a'] };

      expect(rejection(body, PROPERTY).error).toBeInstanceOf(InvalidInputError);
    });

    it('rejects required inside an embedded definition', () => {
      const body = { namespace: 'ns', properties: { p: { ...DEFINITION, required: ['a'] } } };

      expect(rejection(body, NAMESPACE).error).toBeInstanceOf(InvalidInputError);
    });

    it('rejects a negative length', () => {
      const body = { name: 'p', title: 'P', type: 'string', maxLength: -1 };

      expect(reasonOf(body, PROPERTY)).toMatchObject({ key: SchemaReasons.NEGATIVE });
    });

    it('rejects a fractional length', () => {
      const body = { name: 'p', title: 'P', type: 'string', minLength: 1.5 };

      expect(reasonOf(body, PROPERTY)).toMatchObject({ key: SchemaReasons.NOT_AN_INTEGER });
    });

    it('accepts an integral float length', () => {
      const body = { name: 'p', title: 'P', type: 'string', minLength: 1.0, maximum: 2.5 };

      expect(() => validateBody(body, PROPERTY)).not.toThrow();
    });

    it('rejects repeated object required names', () => {
      const body = { name: 'o', required: ['a', 'a'] };

      expect(reasonOf(body, OBJECT_CREATE)).toMatchObject({
        key: SchemaReasons.NOT_UNIQUE,
        params: { field: 'required' },
      });
    });
  });

  describe('when a definition has confidential', () => {
    const definition = { ...DEFINITION, confidential: true };

    it('rejects it on the property route', () => {
      expect(reasonOf({ name: 'p', ...definition }, PROPERTY)).toEqual({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: 'confidential' },
      });
    });

    it('rejects it on object create', () => {
      const { detail } = rejection({ name: 'o', properties: { p: definition } }, OBJECT_CREATE);

      expect(detail).toEqual({
        key: Messages.SCHEMA_MISMATCH,
        params: {
          schema: 'property',
          reason: {
            key: SchemaReasons.UNEXPECTED_PROPERTY,
            params: { field: 'properties.p.confidential' },
          },
        },
      });
    });

    it('accepts it on object update', () => {
      expect(() =>
        validateBody({ name: 'o', properties: { p: definition } }, OBJECT_UPDATE),
      ).not.toThrow();
    });

    it('accepts it in a namespace body', () => {
      expect(() =>
        validateBody({ namespace: 'ns', properties: { p: definition } }, NAMESPACE),
      ).not.toThrow();
    });

    it('accepts it in an embedded object', () => {
      const body = { namespace: 'ns', objects: [{ name: 'o', properties: { p: definition } }] };

      expect(() => validateBody(body, NAMESPACE)).not.toThrow();
    });
  });

  describe('when object create has two problems', () => {
    it('reports the structural one as object', () => {
      const body = { name: 'o', required: 'a', properties: { p: { ...DEFINITION, colour: 1 } } };

      expect(rejection(body, OBJECT_CREATE).detail.params?.schema).toBe('object');
    });
  });

  describe('when names break the rules', () => {
    const cases = [
      { label: 'an empty name', name: '', reason: SchemaReasons.EMPTY_NAME },
      { label: 'a name with a slash', name: 'a/b', reason: SchemaReasons.NAME_WITH_SLASH },
      { label: 'an 81-character name', name: 'x'.repeat(81), reason: SchemaReasons.TOO_LONG },
    ];

    it.each(cases)('rejects $label as namespace', ({ name, reason }) => {
      expect(reasonOf({ namespace: name }, NAMESPACE)).toMatchObject({
        key: reason,
        params: { field: 'namespace' },
      });
    });

    it.each(cases)('rejects $label as tag', ({ name, reason }) => {
      expect(reasonOf({ name }, TAG)).toMatchObject({ key: reason, params: { field: 'name' } });
    });

    it.each(cases)('rejects $label in bulk tags', ({ name, reason }) => {
      expect(reasonOf({ tags: [{ name }] }, TAGS)).toMatchObject({
        key: reason,
        params: { field: 'tags.0.name' },
      });
    });

    it.each(cases)('rejects $label as property key', ({ name, reason }) => {
      const body = { namespace: 'ns', properties: { [name]: DEFINITION } };

      expect(reasonOf(body, NAMESPACE)).toMatchObject({ key: reason });
    });

    it('names the limit when too long', () => {
      expect(reasonOf({ name: 'x'.repeat(81) }, TAG)).toEqual({
        key: SchemaReasons.TOO_LONG,
        params: { field: 'name', value: `"${'x'.repeat(76)}...`, max: 80 },
      });
    });

    it('names the limit for a key', () => {
      const body = { namespace: 'ns', properties: { ['k'.repeat(81)]: DEFINITION } };

      expect(reasonOf(body, NAMESPACE)).toMatchObject({
        key: SchemaReasons.TOO_LONG,
        params: { field: 'properties', max: 80 },
      });
    });

    it('names the limit for a prefix', () => {
      expect(reasonOf({ name: 'r', prefix: 'p'.repeat(81) }, ASSOCIATION)).toMatchObject({
        key: SchemaReasons.TOO_LONG,
        params: { field: 'prefix', max: 80 },
      });
    });

    it('counts code points', () => {
      expect(() => validateBody({ name: EMOJI.repeat(80) }, TAG)).not.toThrow();
    });

    it('limits the description to 500', () => {
      expect(reasonOf({ namespace: 'ns', description: 'd'.repeat(501) }, NAMESPACE)).toMatchObject({
        key: SchemaReasons.TOO_LONG,
        params: { field: 'description', max: 500 },
      });
    });
  });

  describe('when values are null', () => {
    const typed = [
      { label: 'display_name', body: { namespace: 'ns', display_name: null } },
      { label: 'visibility', body: { namespace: 'ns', visibility: null } },
      { label: 'protected', body: { namespace: 'ns', protected: null } },
      { label: 'objects', body: { namespace: 'ns', objects: null } },
      { label: 'description', body: { name: 'p', ...DEFINITION, description: null } },
      { label: 'type', body: { name: 'p', title: 'P', type: null } },
    ];

    it.each(typed)('rejects a null $label', ({ body }) => {
      const schema = 'namespace' in body ? NAMESPACE : PROPERTY;

      expect(rejection(body, schema).error).toBeInstanceOf(InvalidInputError);
    });

    it('allows a null default', () => {
      expect(() =>
        validateBody({ name: 'p', ...DEFINITION, default: null }, PROPERTY),
      ).not.toThrow();
    });

    it('allows any default value', () => {
      const body = { name: 'p', ...DEFINITION, default: { nested: [1, 2] } };

      expect(() => validateBody(body, PROPERTY)).not.toThrow();
    });
  });

  describe('when types are wrong', () => {
    it('rejects a string protected flag', () => {
      expect(reasonOf({ namespace: 'ns', protected: 'true' }, NAMESPACE)).toMatchObject({
        key: SchemaReasons.NOT_A_BOOLEAN,
        params: { field: 'protected', value: '"true"' },
      });
    });

    it('rejects an unknown visibility', () => {
      expect(reasonOf({ namespace: 'ns', visibility: 'shared' }, NAMESPACE)).toMatchObject({
        key: SchemaReasons.NOT_ONE_OF,
        params: { field: 'visibility', allowed: 'public, private' },
      });
    });

    it('rejects a scalar in an object list', () => {
      expect(rejection({ namespace: 'ns', objects: ['o'] }, NAMESPACE).error).toBeInstanceOf(
        InvalidInputError,
      );
    });

    it('rejects properties as a list', () => {
      expect(rejection({ namespace: 'ns', properties: [] }, NAMESPACE).error).toBeInstanceOf(
        InvalidInputError,
      );
    });
  });
});

describe(namespaceInputOf.name, () => {
  describe('when converting a validated body', () => {
    it('drops absent keys and normalises definitions', () => {
      const dto = validateBody(
        {
          namespace: 'ns',
          properties: { p: { title: 'P', type: 'number', default: 1.5, minimum: 0.5 } },
          objects: [{ name: 'o', self: '/x' }],
          tags: [{ name: 't' }],
        },
        NAMESPACE,
      );

      expect(namespaceInputOf(dto)).toEqual({
        namespace: 'ns',
        properties: { p: { title: 'P', type: 'number', default: '1.5', minimum: 0 } },
        objects: [{ name: 'o' }],
        tags: [{ name: 't' }],
      });
    });
  });
});

describe(propertyInputOf.name, () => {
  describe('when converting a validated body', () => {
    it('stores the name inside the definition', () => {
      const dto = validateBody({ name: 'p', ...DEFINITION, default: true }, PROPERTY);

      expect(propertyInputOf(dto)).toEqual({
        name: 'p',
        definition: { name: 'p', ...DEFINITION, default: 'True' },
      });
    });
  });
});
