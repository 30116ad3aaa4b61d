import { StreamLocks } from './stream-locks';

describe(StreamLocks.name, () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  describe('when two writers share a stream', () => {
    it('runs them one after the other', async () => {
      const locks = new StreamLocks();
      const order: string[] = [];

      const releaseFirst = await locks.acquire(['namespace:a']);
      const second = locks.acquire(['namespace:a']).then((release) => {
        order.push('second');
        release();
      });
      await tick();
      order.push('first');
      releaseFirst();
      await second;

      expect(order).toEqual(['first', 'second']);
    });
  });

  describe('when writers touch different streams', () => {
    it('lets them hold their locks together', async () => {
      const locks = new StreamLocks();

      const releaseA = await locks.acquire(['namespace:a']);
      const releaseB = await locks.acquire(['namespace:b']);

      expect(typeof releaseA).toBe('function');
      expect(typeof releaseB).toBe('function');
      releaseA();
      releaseB();
    });
  });

  describe('when writers take overlapping streams in different orders', () => {
    it('does not deadlock', async () => {
      const locks = new StreamLocks();
      const done: string[] = [];

      await Promise.all([
        locks.acquire(['namespace:a', 'namespace:b']).then(async (release) => {
          await tick();
          done.push('ab');
          release();
        }),
        locks.acquire(['namespace:b', 'namespace:a']).then(async (release) => {
          await tick();
          done.push('ba');
          release();
        }),
      ]);

      expect(done.sort()).toEqual(['ab', 'ba']);
    });
  });

  describe('when a stream is released', () => {
    it('forgets streams nobody waits for', async () => {
      const locks = new StreamLocks();

      const release = await locks.acquire(['namespace:a']);
      release();

      expect((locks as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
    });
  });
});
