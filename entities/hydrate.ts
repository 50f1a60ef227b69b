// An entity from a raw row (a RETURNING * of hand-written SQL), converted as TypeORM converts the rows it
// reads itself (dates kept as 'YYYY-MM-DD' strings, numbers and JSON as declared): one statement can then
// write and give back the entity without a second SELECT.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

export function hydrate<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in row)) continue;
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
