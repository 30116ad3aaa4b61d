import { CatalogView } from '../shared/domain/catalog-view';
import { JsonObject } from '../shared/domain/json';
import { definitionsToMap } from '../shared/domain/property-definition';
import { NamespaceRecord } from '../namespaces/domain/namespace.types';

/** One exported file: its name in the target folder and its JSON content. */
export interface ExportedFile {
  readonly fileName: string;
  readonly namespace: string;
  readonly content: JsonObject;
}

/**
 * Writes every namespace as a catalog file, regardless of owner or visibility. The file name is
 * the display name with everything but letters and digits removed (the namespace name when
 * that leaves nothing), made unique with `-2`, `-3`, ... Owners and timestamps are not
 * exported; definitions are written as stored.
 */
/**
 * Maximum length of the base of an exported file name, in UTF-8 bytes. File systems allow 255
 * bytes per name, and eighty three-byte letters plus a suffix and `.json` would exceed that.
 */
const MAX_BASE_NAME_BYTES = 200;

export function exportCatalog(view: CatalogView): ExportedFile[] {
  const used = new Set<string>();
  const files: ExportedFile[] = [];
  const records = [...view.namespaces()].sort((a, b) => a.seq - b.seq);
  for (const record of records) {
    const base = truncateBytes(
      lettersAndDigits(record.display_name) || lettersAndDigits(record.namespace) || 'namespace',
      MAX_BASE_NAME_BYTES,
    );
    let fileName = `${base}.json`;
    for (let suffix = 2; used.has(fileName.toLowerCase()); suffix += 1) {
      fileName = `${base}-${suffix}.json`;
    }
    used.add(fileName.toLowerCase());
    files.push({ fileName, namespace: record.namespace, content: fileContent(record) });
  }
  return files;
}

function lettersAndDigits(text: string | null): string {
  return (text ?? '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function fileContent(record: NamespaceRecord): JsonObject {
  return {
    namespace: record.namespace,
    display_name: record.display_name,
    description: record.description,
    visibility: record.visibility,
    protected: record.protected,
    resource_type_associations: record.resource_type_associations.map((association) => ({
      name: association.name,
      prefix: association.prefix,
      properties_target: association.properties_target,
    })),
    properties: definitionsToMap(record.properties),
    objects: record.objects.map((object) => {
      const item: JsonObject = {
        name: object.name,
        description: object.description,
        properties: definitionsToMap(object.properties),
      };
      if (object.required.length > 0) item.required = [...object.required];
      return item;
    }),
    tags: record.tags.map((tag) => ({ name: tag.name })),
  };
}

function truncateBytes(text: string, max: number): string {
  let bytes = 0;
  let truncated = '';
  for (const character of text) {
    bytes += Buffer.byteLength(character);
    if (bytes > max) break;
    truncated += character;
  }
  return truncated;
}
