import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { RequestContext } from '../../shared/application/request-context';
import { JSON_CONTENT_TYPE } from '../../shared/http/json-response';
import { Ctx, JsonBody, NoBody } from '../../shared/http/request-decorators';
import { AssociateResourceTypeCommand, DissociateResourceTypeCommand } from '../commands';
import { AssociationRequestDto } from '../dto/association.request.dto';
import { associationInputOf } from '../dto/request-inputs';
import { ListResourceTypeAssociationsQuery } from '../queries';
import { associationView } from '../representations/association.representation';

/** `/v2/metadefs/namespaces/{namespace}/resource_types[/{resource_type}]`. */
@Controller('v2/metadefs/namespaces/:namespace/resource_types')
export class ResourceTypeAssociationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Ctx() context: RequestContext, @Param('namespace') namespace: string): Promise<string> {
    return this.queries.execute(new ListResourceTypeAssociationsQuery(context, namespace));
  }

  @Post()
  @HttpCode(201)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async associate(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @JsonBody({
      dto: AssociationRequestDto,
      name: 'resource_type_association',
      readOnly: ['created_at', 'updated_at'],
    })
    body: AssociationRequestDto,
  ): Promise<string> {
    const command = new AssociateResourceTypeCommand(context, namespace, associationInputOf(body));
    const association = await this.commands.execute(command);
    return JSON.stringify(associationView(association));
  }

  @Delete(':resource_type')
  @NoBody()
  @HttpCode(204)
  async dissociate(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('resource_type') resourceType: string,
  ): Promise<void> {
    await this.commands.execute(new DissociateResourceTypeCommand(context, namespace, resourceType));
  }
}
