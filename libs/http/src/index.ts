export * from './allowed-methods';
export * from './error-format';
export * from './error-renderer';
export * from './exception.filter';
export * from './request-hooks';
export * from './versions.controller';
