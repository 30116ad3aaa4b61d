import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes an object. */
export class DeleteObjectCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly objectName: string,
  ) {
    super();
  }
}
