/**
 * Smoke test: the official `mongodb` driver against the FerretDB server started by
 * `scripts/services/ferretdb.sh start`. Each case is an operation the read models may
 * use, asserted with MongoDB's semantics: a failing case is one the service must avoid.
 *
 * Cases named "(FerretDB limitation)" instead assert how FerretDB v1.24.2 departs from
 * MongoDB, and their comment gives MongoDB's result. Such a case fails once the server
 * behaves like MongoDB, which is the signal to move the service back to that operation.
 *
 * MONGODB_URL overrides the server (default mongodb://127.0.0.1:27017/).
 */
import { randomUUID } from 'node:crypto';
import { Collection, Db, MongoClient, MongoServerError } from 'mongodb';

const url = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017/';
const databaseName = `smoke_${randomUUID().slice(0, 8)}`;

jest.setTimeout(30_000);

interface PropertyDocument {
  name: string;
  type: string;
  title?: string;
}

interface NamespaceDocument {
  _id: string;
  name: string;
  position: number;
  visibility?: string;
  properties?: PropertyDocument[];
}

/** Awaits an operation that must fail and returns the server's error. */
async function serverErrorOf(operation: Promise<unknown>): Promise<MongoServerError> {
  try {
    await operation;
  } catch (error) {
    if (error instanceof MongoServerError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the server to reject the operation, but it succeeded');
}

describe('mongodb driver against FerretDB', () => {
  let client: MongoClient;
  let db: Db;
  let namespaces: Collection<NamespaceDocument>;

  beforeAll(async () => {
    client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(
        `cannot connect to ${url}: ${String(error)}. ` +
          'Start FerretDB with scripts/services/ferretdb.sh start',
      );
    }
    db = client.db(databaseName);
    namespaces = db.collection<NamespaceDocument>('namespaces');
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });

  it('responds to ping', async () => {
    const reply = await db.command({ ping: 1 });

    expect(reply.ok).toBe(1);
  });

  it('creates a unique index', async () => {
    const indexName = await namespaces.createIndex(
      { name: 1 },
      { unique: true, name: 'name_unique' },
    );

    expect(indexName).toBe('name_unique');
    const indexes = await namespaces.indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'name_unique', unique: true })]),
    );
  });

  it('inserts a document', async () => {
    const result = await namespaces.insertOne({
      _id: 'ns-1',
      name: 'OS::Compute::Hypervisor',
      position: 1,
    });

    expect(result.acknowledged).toBe(true);
    expect(result.insertedId).toBe('ns-1');
  });

  it('rejects a duplicate with code 11000', async () => {
    const byUniqueIndex = await serverErrorOf(
      namespaces.insertOne({ _id: 'ns-other', name: 'OS::Compute::Hypervisor', position: 1 }),
    );
    const byId = await serverErrorOf(
      namespaces.insertOne({ _id: 'ns-1', name: 'Another', position: 1 }),
    );

    expect(byUniqueIndex.code).toBe(11000);
    expect(byId.code).toBe(11000);
  });

  describe('conditional upsert on a numeric position', () => {
    // The projector applies the event at log position N to a document only if the
    // document's position is lower, so a replayed event changes nothing.
    const applyAt = (id: string, position: number, visibility: string) =>
      namespaces.updateOne(
        { _id: id, position: { $lt: position } },
        { $set: { position, visibility }, $setOnInsert: { name: `name-of-${id}` } },
        { upsert: true },
      );

    it('updates a document with a lower position', async () => {
      const result = await applyAt('ns-1', 5, 'public');

      expect(result.matchedCount).toBe(1);
      expect(result.modifiedCount).toBe(1);
      expect(result.upsertedCount).toBe(0);
      expect(await namespaces.findOne({ _id: 'ns-1' })).toMatchObject({
        position: 5,
        visibility: 'public',
      });
    });

    it('inserts a missing document', async () => {
      const result = await applyAt('ns-2', 3, 'private');

      expect(result.upsertedCount).toBe(1);
      expect(result.upsertedId).toBe('ns-2');
      expect(await namespaces.findOne({ _id: 'ns-2' })).toEqual({
        _id: 'ns-2',
        name: 'name-of-ns-2',
        position: 3,
        visibility: 'private',
      });
    });

    it('rejects a replay with code 11000', async () => {
      // The filter misses the existing _id, so the upsert tries to insert it again.
      // MongoDB raises a duplicate key error here, which the projector can treat as
      // "already applied".
      const error = await serverErrorOf(applyAt('ns-1', 5, 'private'));

      expect(error.code).toBe(11000);
      expect(await namespaces.findOne({ _id: 'ns-1' })).toMatchObject({
        position: 5,
        visibility: 'public',
      });
    });

    it('replaces a document with a lower position', async () => {
      const result = await namespaces.replaceOne(
        { _id: 'ns-2', position: { $lt: 4 } },
        { name: 'name-of-ns-2', position: 4 },
        { upsert: true },
      );

      expect(result.matchedCount).toBe(1);
      expect(result.modifiedCount).toBe(1);
      expect(result.upsertedCount).toBe(0);
      expect(await namespaces.findOne({ _id: 'ns-2' })).toEqual({
        _id: 'ns-2',
        name: 'name-of-ns-2',
        position: 4,
      });
    });

    it('rejects a stale replaceOne upsert with code 11000', async () => {
      // ns-1 is at position 5, so the filter misses it and the upsert inserts its _id again.
      const error = await serverErrorOf(
        namespaces.replaceOne(
          { _id: 'ns-1', position: { $lt: 4 } },
          { name: 'OS::Compute::Hypervisor', position: 4 },
          { upsert: true },
        ),
      );

      expect(error.code).toBe(11000);
      expect(await namespaces.findOne({ _id: 'ns-1' })).toMatchObject({
        position: 5,
        visibility: 'public',
      });
    });
  });

  it('finds with sort and limit', async () => {
    await namespaces.insertMany([
      { _id: 'ns-3', name: 'CIM::StorageAllocationSettingData', position: 7 },
      { _id: 'ns-4', name: 'OS::Glance::CommonImageProperties', position: 8 },
    ]);

    const firstByName = await namespaces
      .find({}, { sort: { name: 1 }, limit: 2, projection: { name: 1 } })
      .toArray();
    const lastByPosition = await namespaces
      .find({ position: { $gte: 3 } })
      .sort({ position: -1 })
      .limit(2)
      .toArray();

    // Strings compare by their UTF-8 bytes, so 'name-of-ns-2' sorts after every 'O'.
    expect(firstByName).toEqual([
      { _id: 'ns-3', name: 'CIM::StorageAllocationSettingData' },
      { _id: 'ns-1', name: 'OS::Compute::Hypervisor' },
    ]);
    expect(lastByPosition.map((document) => document._id)).toEqual(['ns-4', 'ns-3']);
  });

  it('sorts non-ASCII strings by UTF-8 bytes', async () => {
    // U+FB00 and U+1D49C are in opposite orders by code point (as UTF-8 bytes) and by
    // UTF-16 code unit (as JavaScript's default sort), because U+1D49C is a surrogate pair.
    const labels = ['b', 'Z', 'é', 'e', 'É', 'ä', 'Ω', '日本', '\uFB00', '\u{1D49C}', 'z'];
    const byUtf8Bytes = [...labels].sort((left, right) =>
      Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8')),
    );
    const byCodeUnits = [...labels].sort();
    const sorted = db.collection<{ _id: number; label: string }>('sorted_labels');
    try {
      await sorted.insertMany(labels.map((label, index) => ({ _id: index, label })));

      const found = await sorted.find({}, { sort: { label: 1 } }).toArray();

      expect(found.map((document) => document.label)).toEqual(byUtf8Bytes);
      expect(byCodeUnits).not.toEqual(byUtf8Bytes);
    } finally {
      await sorted.drop();
    }
  });

  describe('arrays of subdocuments', () => {
    beforeAll(async () => {
      await namespaces.insertOne({
        _id: 'ns-props',
        name: 'OS::Compute::Quota',
        position: 9,
        properties: [
          { name: 'quota:cpu_shares', type: 'integer' },
          { name: 'hw.cpu.policy', type: 'string', title: 'CPU policy' },
        ],
      });
    });

    const propertyNames = async () =>
      (await namespaces.findOne({ _id: 'ns-props' }))?.properties?.map((property) => property.name);

    it('rejects $elemMatch on two fields (FerretDB limitation)', async () => {
      // MongoDB returns ns-props. FerretDB reads the field names as unknown operators.
      const error = await serverErrorOf(
        namespaces
          .find({ properties: { $elemMatch: { name: 'hw.cpu.policy', type: 'string' } } })
          .toArray(),
      );

      expect(error.code).toBe(2);
      expect(error.message).toBe('unknown operator: name');
    });

    it('misses with $elemMatch on one field (FerretDB limitation)', async () => {
      // MongoDB returns ns-props. FerretDB returns no document and raises no error.
      const byValue = await namespaces
        .find({ properties: { $elemMatch: { name: 'hw.cpu.policy' } } })
        .toArray();
      const byOperator = await namespaces
        .find({ properties: { $elemMatch: { name: { $eq: 'hw.cpu.policy' } } } })
        .toArray();

      expect(byValue).toEqual([]);
      expect(byOperator).toEqual([]);
    });

    it('matches with a dotted path', async () => {
      const found = await namespaces.find({ 'properties.name': 'quota:cpu_shares' }).toArray();
      const none = await namespaces.find({ 'properties.name': 'missing' }).toArray();

      expect(found.map((document) => document._id)).toEqual(['ns-props']);
      expect(none).toEqual([]);
    });

    it('matches with $in on a dotted path', async () => {
      const found = await namespaces
        .find({ 'properties.name': { $in: ['missing', 'hw.cpu.policy'] } })
        .toArray();
      const none = await namespaces.find({ 'properties.name': { $in: ['missing'] } }).toArray();

      expect(found.map((document) => document._id)).toEqual(['ns-props']);
      expect(none).toEqual([]);
    });

    it('matches $nin on a dotted path wrongly (FerretDB limitation)', async () => {
      // MongoDB returns nothing, because one element's name is in the list.
      const found = await namespaces
        .find({ _id: 'ns-props', 'properties.name': { $nin: ['hw.cpu.policy'] } })
        .toArray();

      expect(found.map((document) => document._id)).toEqual(['ns-props']);
    });

    it('appends with $push', async () => {
      const result = await namespaces.updateOne(
        { _id: 'ns-props' },
        { $push: { properties: { name: 'quota:disk_read_bytes_sec', type: 'integer' } } },
      );

      expect(result.modifiedCount).toBe(1);
      expect(await propertyNames()).toEqual([
        'quota:cpu_shares',
        'hw.cpu.policy',
        'quota:disk_read_bytes_sec',
      ]);
    });

    it('ignores a $pull condition (FerretDB limitation)', async () => {
      // MongoDB reads { name } as a condition on each element and removes quota:cpu_shares.
      // FerretDB removes only elements equal to the whole document, so nothing changes.
      const result = await namespaces.updateOne(
        { _id: 'ns-props' },
        { $pull: { properties: { name: 'quota:cpu_shares' } } },
      );

      expect(result.matchedCount).toBe(1);
      expect(result.modifiedCount).toBe(0);
      expect(await propertyNames()).toEqual([
        'quota:cpu_shares',
        'hw.cpu.policy',
        'quota:disk_read_bytes_sec',
      ]);
    });

    it('removes an equal element with $pull', async () => {
      const result = await namespaces.updateOne(
        { _id: 'ns-props' },
        { $pull: { properties: { name: 'quota:cpu_shares', type: 'integer' } } },
      );

      expect(result.modifiedCount).toBe(1);
      expect(await propertyNames()).toEqual(['hw.cpu.policy', 'quota:disk_read_bytes_sec']);
    });

    it('rejects the positional operator (FerretDB limitation)', async () => {
      // MongoDB sets the title of the element that the filter matched.
      const error = await serverErrorOf(
        namespaces.updateOne(
          { _id: 'ns-props', 'properties.name': 'hw.cpu.policy' },
          { $set: { 'properties.$.title': 'CPU pinning policy' } },
        ),
      );

      // 28 is PathNotViable.
      expect(error.code).toBe(28);
      expect(error.message).toMatch(/^Cannot create field '\$' in element/);
      expect((await namespaces.findOne({ _id: 'ns-props' }))?.properties?.[0]).toEqual({
        name: 'hw.cpu.policy',
        type: 'string',
        title: 'CPU policy',
      });
    });

    it('rejects arrayFilters (FerretDB limitation)', async () => {
      // MongoDB sets the type of the element named quota:disk_read_bytes_sec.
      const error = await serverErrorOf(
        namespaces.updateOne(
          { _id: 'ns-props' },
          { $set: { 'properties.$[property].type': 'number' } },
          { arrayFilters: [{ 'property.name': 'quota:disk_read_bytes_sec' }] },
        ),
      );

      // 238 is NotImplemented.
      expect(error.code).toBe(238);
      expect(error.message).toContain('arrayFilters');
      expect((await namespaces.findOne({ _id: 'ns-props' }))?.properties?.[1]).toEqual({
        name: 'quota:disk_read_bytes_sec',
        type: 'integer',
      });
    });

    it('updates an element by its index', async () => {
      // Without $ and arrayFilters, the caller finds the index from the document it read.
      const result = await namespaces.updateOne(
        { _id: 'ns-props', 'properties.1.name': 'quota:disk_read_bytes_sec' },
        { $set: { 'properties.0.title': 'CPU pinning policy', 'properties.1.type': 'number' } },
      );

      expect(result.modifiedCount).toBe(1);
      expect((await namespaces.findOne({ _id: 'ns-props' }))?.properties).toEqual([
        { name: 'hw.cpu.policy', type: 'string', title: 'CPU pinning policy' },
        { name: 'quota:disk_read_bytes_sec', type: 'number' },
      ]);
    });
  });

  it('runs a bulkWrite', async () => {
    const result = await namespaces.bulkWrite(
      [
        { insertOne: { document: { _id: 'ns-5', name: 'OS::Cinder::Volumetype', position: 10 } } },
        {
          updateOne: {
            filter: { _id: 'ns-2', position: { $lt: 11 } },
            update: { $set: { position: 11 } },
            upsert: true,
          },
        },
        {
          replaceOne: {
            filter: { _id: 'ns-6' },
            replacement: { name: 'OS::Software::WebServers', position: 12 },
            upsert: true,
          },
        },
        { deleteOne: { filter: { _id: 'ns-3' } } },
      ],
      { ordered: true },
    );

    expect(result.insertedCount).toBe(1);
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.deletedCount).toBe(1);
    expect(await namespaces.findOne({ _id: 'ns-2' })).toMatchObject({ position: 11 });
    expect(await namespaces.findOne({ _id: 'ns-6' })).toMatchObject({ position: 12 });
    expect(await namespaces.findOne({ _id: 'ns-3' })).toBeNull();
  });

  it('counts documents with a filter', async () => {
    // ns-1, ns-2, ns-4, ns-props, ns-5 and ns-6 remain.
    expect(await namespaces.countDocuments()).toBe(6);
    expect(await namespaces.countDocuments({ position: { $gte: 10 } })).toBe(3);
    expect(await namespaces.countDocuments({ visibility: 'public' })).toBe(1);
  });

  it('returns the updated document from findOneAndUpdate', async () => {
    const updated = await namespaces.findOneAndUpdate(
      { _id: 'ns-5', position: { $lt: 13 } },
      { $set: { position: 13, visibility: 'public' } },
      { returnDocument: 'after' },
    );
    const missed = await namespaces.findOneAndUpdate(
      { _id: 'ns-5', position: { $lt: 13 } },
      { $set: { position: 13, visibility: 'private' } },
      { returnDocument: 'after' },
    );

    expect(updated).toEqual({
      _id: 'ns-5',
      name: 'OS::Cinder::Volumetype',
      position: 13,
      visibility: 'public',
    });
    expect(missed).toBeNull();
  });

  describe('collections', () => {
    const names = async () =>
      (await db.listCollections({}, { nameOnly: true }).toArray())
        .map((collection) => collection.name)
        .sort();

    it('lists collections', async () => {
      await db.createCollection('staging');

      expect(await names()).toEqual(['namespaces', 'staging']);
    });

    it('renames a collection', async () => {
      await db.collection<{ _id: string }>('staging').insertOne({ _id: 'kept' });

      await db.renameCollection('staging', 'rebuilt');

      expect(await names()).toEqual(['namespaces', 'rebuilt']);
      expect(await db.collection('rebuilt').countDocuments()).toBe(1);
    });

    it('rejects a rename onto an existing collection', async () => {
      await db.createCollection('staging');

      const error = await serverErrorOf(db.renameCollection('staging', 'rebuilt'));

      // 48 is NamespaceExists.
      expect(error.code).toBe(48);
    });

    it('rejects dropTarget (FerretDB limitation)', async () => {
      // A read-model rebuild fills a staging collection and swaps it in this way. MongoDB
      // replaces rebuilt with staging in one step.
      await db.collection<{ _id: string }>('staging').insertMany([{ _id: 'a' }, { _id: 'b' }]);

      const error = await serverErrorOf(
        db.renameCollection('staging', 'rebuilt', { dropTarget: true }),
      );

      // 238 is NotImplemented.
      expect(error.code).toBe(238);
      expect(error.message).toContain('dropTarget');
      expect(await names()).toEqual(['namespaces', 'rebuilt', 'staging']);
      expect(await db.collection('rebuilt').countDocuments()).toBe(1);
    });

    it('swaps in a collection by drop and rename', async () => {
      // NOTE: unlike dropTarget, these are two steps, and a reader between them finds
      // no rebuilt collection.
      await db.collection('rebuilt').drop();
      await db.renameCollection('staging', 'rebuilt');

      expect(await names()).toEqual(['namespaces', 'rebuilt']);
      expect(await db.collection('rebuilt').countDocuments()).toBe(2);
    });

    it('drops a collection', async () => {
      const dropped = await db.collection('rebuilt').drop();

      expect(dropped).toBe(true);
      expect(await names()).toEqual(['namespaces']);
    });
  });
});
