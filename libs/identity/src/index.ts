export * from './identity';
export * from './policy/default-rules';
export * from './policy/policy-check';
export * from './policy/policy-engine';
export * from './strategies/authenticator';
export * from './strategies/noauth.authenticator';
export * from './strategies/trusted-headers.authenticator';
