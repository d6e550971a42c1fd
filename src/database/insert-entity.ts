import { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Creates and INSERTs one entity, returning it with its database defaults. Never `save()` for a new row:
 * on an existing key save() silently updates that row instead of failing on the key.
 */
export async function insertEntity<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, values: DeepPartial<NoInfer<T>>): Promise<T> {
  const repo = em.getRepository(target);
  const entity = repo.create(values);
  await repo.insert(entity);
  return entity;
}
