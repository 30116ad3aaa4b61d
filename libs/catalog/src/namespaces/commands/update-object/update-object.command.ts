import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { ObjectInput } from '../../domain/namespace.inputs';
import { WrittenObject } from '../../domain/decisions/object.decisions';

/** Replaces an object, renaming it when `input.name` differs. */
export class UpdateObjectCommand extends Command<WrittenObject> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly objectName: string,
    readonly input: ObjectInput,
  ) {
    super();
  }
}
