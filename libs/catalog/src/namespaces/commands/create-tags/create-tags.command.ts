import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Creates tags in bulk, replacing the existing ones unless `append` is set. */
export class CreateTagsCommand extends Command<readonly string[]> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly names: readonly string[],
    readonly append: boolean,
  ) {
    super();
  }
}
