import { JsonObject } from '../../shared/domain/json';
import { normalizeDefinition } from '../../shared/domain/property-definition';
import { toPlain } from '../../shared/http/validators';
import {
  AssociationInput,
  NamespaceInput,
  ObjectInput,
  PropertyInput,
  TagInput,
} from '../domain/namespace.inputs';
import { AssociationRequestDto } from './association.request.dto';
import { CreateObjectRequestDto, UpdateObjectRequestDto } from './object.request.dto';
import { NamespaceRequestDto } from './namespace.request.dto';
import { PropertyRequestDto } from './property-definition.request.dto';

/** Converts a validated namespace body into the command input, definitions normalised. */
export function namespaceInputOf(dto: NamespaceRequestDto): NamespaceInput {
  const plain = toPlain(dto) as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const key of ['namespace', 'display_name', 'description', 'visibility', 'protected', 'owner']) {
    if (plain[key] !== undefined) input[key] = plain[key];
  }
  if (plain.resource_type_associations !== undefined) {
    input.resource_type_associations = (plain.resource_type_associations as Record<string, unknown>[]).map(
      associationInputOf,
    );
  }
  if (plain.properties !== undefined) {
    input.properties = normalizedMap(plain.properties as JsonObject);
  }
  if (plain.objects !== undefined) {
    input.objects = (plain.objects as Record<string, unknown>[]).map(objectFields);
  }
  if (plain.tags !== undefined) {
    input.tags = (plain.tags as Record<string, unknown>[]).map((tag): TagInput => ({ name: tag.name as string }));
  }
  return input as unknown as NamespaceInput;
}

export function objectInputOf(dto: CreateObjectRequestDto | UpdateObjectRequestDto): ObjectInput {
  return objectFields(toPlain(dto) as Record<string, unknown>);
}

/** The stored definition of a standalone property: the body, `name` included, normalised. */
export function propertyInputOf(dto: PropertyRequestDto): PropertyInput {
  const definition = normalizeDefinition(toPlain(dto) as JsonObject);
  return { name: dto.name, definition };
}

export function associationInputOf(dto: AssociationRequestDto | Record<string, unknown>): AssociationInput {
  const plain = toPlain(dto) as Record<string, unknown>;
  const input: { name: string; prefix?: string; properties_target?: string } = { name: plain.name as string };
  if (plain.prefix !== undefined) input.prefix = plain.prefix as string;
  if (plain.properties_target !== undefined) input.properties_target = plain.properties_target as string;
  return input;
}

function objectFields(plain: Record<string, unknown>): ObjectInput {
  const input: { name: string; description?: string; required?: string[]; properties?: JsonObject } = {
    name: plain.name as string,
  };
  if (plain.description !== undefined) input.description = plain.description as string;
  if (plain.required !== undefined) input.required = plain.required as string[];
  if (plain.properties !== undefined) input.properties = normalizedMap(plain.properties as JsonObject);
  return input;
}

function normalizedMap(map: JsonObject): JsonObject {
  const normalized: JsonObject = {};
  for (const [name, definition] of Object.entries(map)) {
    normalized[name] = normalizeDefinition(definition as JsonObject);
  }
  return normalized;
}
