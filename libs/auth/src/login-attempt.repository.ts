import { EntityManager } from 'typeorm';

export interface SignInHistory {
  /** The last successful sign-in (epoch ms), or null. */
  lastOkMs: number | null;
  /** Failed sign-ins since `since` (epoch ms). */
  failuresMs: number[];
}

/** One account's sign-ins from one address. */
export interface AddressHistory {
  /** The last successful sign-in from this address (epoch ms), ever, or null: a known address. */
  lastOkMs: number | null;
  /** Failed sign-ins from this address since `since` (epoch ms). */
  failuresMs: number[];
}

interface HistoryRow {
  username: string;
  last_ok: number | string | null;
  failures: (number | string)[] | null;
}

/** Sign-in attempts (`login_attempt`): what the throttle and the account-wide cap are judged on. */
export const loginAttemptRepository = {
  async insert(
    em: EntityManager,
    a: { username: string; at: Date; ok: boolean; ip: string | null },
  ): Promise<void> {
    await em.query(`INSERT INTO login_attempt (username, at, ok, ip) VALUES ($1, $2, $3, $4)`, [
      a.username,
      a.at,
      a.ok,
      a.ip,
    ]);
  },

  /** One account from one address: what `throttledUntil` is judged on. */
  async fromAddress(
    em: EntityManager,
    username: string,
    ip: string | null,
    since: Date,
  ): Promise<AddressHistory> {
    const [row]: Omit<HistoryRow, 'username'>[] = await em.query(
      `SELECT (extract(epoch FROM max(at) FILTER (WHERE ok)) * 1000)::float8 AS last_ok,
              array_agg((extract(epoch FROM at) * 1000)::float8) FILTER (WHERE NOT ok AND at > $3) AS failures
         FROM login_attempt WHERE username = $1 AND ip IS NOT DISTINCT FROM $2`,
      [username, ip, since],
    );
    return {
      lastOkMs: row?.last_ok == null ? null : Number(row.last_ok),
      failuresMs: (row?.failures ?? []).map(Number),
    };
  },

  /** Per account name: what `lockedUntil` is judged on, for many names in one query. */
  async history(em: EntityManager, usernames: string[], since: Date): Promise<Map<string, SignInHistory>> {
    const rows: HistoryRow[] = await em.query(
      `SELECT username, (extract(epoch FROM max(at) FILTER (WHERE ok)) * 1000)::float8 AS last_ok,
              array_agg((extract(epoch FROM at) * 1000)::float8) FILTER (WHERE NOT ok AND at > $2) AS failures
         FROM login_attempt WHERE username = ANY($1) GROUP BY username`,
      [usernames, since],
    );
    return new Map(
      rows.map((r) => [
        r.username,
        {
          lastOkMs: r.last_ok === null ? null : Number(r.last_ok),
          failuresMs: (r.failures ?? []).map(Number),
        },
      ]),
    );
  },
};
