'use strict';

const fs = require('node:fs');
const path = require('node:path');

const NAMESPACE_ROUTE_NAMESPACE = 'OS::Compute::Libvirt';
const PREFERRED_PROPERTY = 'hw_rng_model';

/** Reads and parses the catalog files (*.json) directly in `directory`. */
function readCatalogFiles(directory) {
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new Error(
      `the catalog folder ${directory} does not exist: set METADEFS_DIR or pass --metadefs-dir`,
    );
  }
  const names = fs.readdirSync(directory).filter((name) => name.endsWith('.json'));
  if (names.length === 0) throw new Error(`${directory} contains no *.json catalog files`);
  return names
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')));
}

/**
 * Picks the property read by the property route: `hw_rng_model` in OS::Compute::Libvirt when
 * the files define it there, else in the first namespace that defines it, else the first
 * property of OS::Compute::Libvirt.
 */
function chooseProperty(catalogFiles) {
  const hasProperty = (file, name) => Boolean(file.properties && file.properties[name]);
  const libvirt = catalogFiles.find((file) => file.namespace === NAMESPACE_ROUTE_NAMESPACE);
  if (libvirt && hasProperty(libvirt, PREFERRED_PROPERTY)) {
    return { namespace: libvirt.namespace, property: PREFERRED_PROPERTY };
  }
  const owner = catalogFiles.find((file) => hasProperty(file, PREFERRED_PROPERTY));
  if (owner) return { namespace: owner.namespace, property: PREFERRED_PROPERTY };
  const first = libvirt && Object.keys(libvirt.properties || {})[0];
  if (!first) {
    throw new Error(
      `no catalog file defines ${PREFERRED_PROPERTY} or a property of ${NAMESPACE_ROUTE_NAMESPACE}`,
    );
  }
  return { namespace: libvirt.namespace, property: first };
}

/** Returns the GET routes measured for reads, with the property route checked against the files. */
function buildRoutes(catalogFiles) {
  if (!catalogFiles.some((file) => file.namespace === NAMESPACE_ROUTE_NAMESPACE)) {
    throw new Error(`no catalog file defines the namespace ${NAMESPACE_ROUTE_NAMESPACE}`);
  }
  const { namespace, property } = chooseProperty(catalogFiles);
  return [
    { key: 'namespaces', path: '/v2/metadefs/namespaces' },
    { key: 'namespace', path: `/v2/metadefs/namespaces/${NAMESPACE_ROUTE_NAMESPACE}` },
    { key: 'resourceTypes', path: '/v2/metadefs/resource_types' },
    { key: 'schema', path: '/v2/schemas/metadefs/namespace' },
    { key: 'property', path: `/v2/metadefs/namespaces/${namespace}/properties/${property}` },
  ];
}

module.exports = { buildRoutes, readCatalogFiles };
