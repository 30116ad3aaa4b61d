import { ListResourceTypesHandler } from './list-resource-types/list-resource-types.handler';

export * from './list-resource-types/list-resource-types.query';

/** Every query handler of the resource types aggregate, for the module's providers. */
export const RESOURCE_TYPE_QUERY_HANDLERS = [ListResourceTypesHandler];
