import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { TagEntry } from '../../domain/namespace.types';

/** Renames a tag. */
export class UpdateTagCommand extends Command<TagEntry> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly tagName: string,
    readonly newName: string,
  ) {
    super();
  }
}
