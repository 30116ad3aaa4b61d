/**
 * Glance's default metadef policy with the new defaults enforced: admins do everything, and
 * readers of a project read public namespaces and the namespaces their project owns.
 */
const ADMIN_OR_PROJECT_READER = 'rule:context_is_admin or (role:reader and project_id:%(project_id)s)';
const ADMIN_OR_READER_GET_NAMESPACE =
  "rule:context_is_admin or (role:reader and (project_id:%(project_id)s or 'public':%(visibility)s))";

export const DEFAULT_POLICY_RULES: Readonly<Record<string, string>> = {
  context_is_admin: 'role:admin',
  metadef_admin: 'rule:context_is_admin',
  // Always passes. No default refers to it. Glance's deprecated read rules did, so a policy file
  // written for that legacy mode can still use `rule:metadef_default`.
  metadef_default: '',

  get_metadef_namespace: ADMIN_OR_READER_GET_NAMESPACE,
  get_metadef_namespaces: ADMIN_OR_PROJECT_READER,
  add_metadef_namespace: 'rule:metadef_admin',
  modify_metadef_namespace: 'rule:metadef_admin',
  delete_metadef_namespace: 'rule:metadef_admin',

  get_metadef_object: ADMIN_OR_READER_GET_NAMESPACE,
  get_metadef_objects: ADMIN_OR_READER_GET_NAMESPACE,
  add_metadef_object: 'rule:metadef_admin',
  modify_metadef_object: 'rule:metadef_admin',
  delete_metadef_object: 'rule:metadef_admin',

  get_metadef_property: ADMIN_OR_READER_GET_NAMESPACE,
  get_metadef_properties: ADMIN_OR_READER_GET_NAMESPACE,
  add_metadef_property: 'rule:metadef_admin',
  modify_metadef_property: 'rule:metadef_admin',
  remove_metadef_property: 'rule:metadef_admin',

  get_metadef_tag: ADMIN_OR_READER_GET_NAMESPACE,
  get_metadef_tags: ADMIN_OR_READER_GET_NAMESPACE,
  add_metadef_tag: 'rule:metadef_admin',
  add_metadef_tags: 'rule:metadef_admin',
  modify_metadef_tag: 'rule:metadef_admin',
  delete_metadef_tag: 'rule:metadef_admin',
  delete_metadef_tags: 'rule:metadef_admin',

  list_metadef_resource_types: ADMIN_OR_READER_GET_NAMESPACE,
  get_metadef_resource_type: ADMIN_OR_READER_GET_NAMESPACE,
  add_metadef_resource_type_association: 'rule:metadef_admin',
  remove_metadef_resource_type_association: 'rule:metadef_admin',
};
