// Halls and the catalog are read on every queue request and change rarely. Each instance keeps them
// for a few seconds; an edit clears this instance's copy at once, other instances' within TTL_MS.
const TTL_MS = 2_000;

type Entry<T> = { at: number; value: T };

export class ShortCache<T> {
  private readonly byDb = new WeakMap<object, Map<string, Entry<T>>>();

  async get(db: object, key: string, load: () => Promise<T>): Promise<T> {
    let map = this.byDb.get(db);
    if (!map) {
      map = new Map();
      this.byDb.set(db, map);
    }
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = await load();
    map.set(key, { at: Date.now(), value });
    return value;
  }

  forget(db: object, key?: string) {
    if (key === undefined) this.byDb.delete(db);
    else this.byDb.get(db)?.delete(key);
  }
}
