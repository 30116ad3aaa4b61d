import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { ObjectInput } from '../../domain/namespace.inputs';
import { WrittenObject } from '../../domain/decisions/object.decisions';

/** Creates an object in a namespace. */
export class CreateObjectCommand extends Command<WrittenObject> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly input: ObjectInput,
  ) {
    super();
  }
}
