export * from './catalog-config';
