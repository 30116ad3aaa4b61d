import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { TagEntry } from '../../domain/namespace.types';

/** Creates one tag, named by the URL. */
export class CreateTagCommand extends Command<TagEntry> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly name: string,
  ) {
    super();
  }
}
