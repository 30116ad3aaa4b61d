import * as path from 'node:path';

/** Root of this repository (the folder that holds package.json). */
export const repositoryRoot = path.resolve(__dirname, '../../../..');
