/** Admins changing the settings: only what differs is written, one audit line per setting with before and after. */
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { writeSetting } from '../db/repos/settings';
import type { StaffUser } from '../db/repos/users';
import { loadSettings, SETTING_DEFINITIONS, type SettingKey, type Settings } from '../settings';

/** Writes the settings of `change` that differ from the stored ones; returns their keys. */
export async function changeSettings(db: Db, user: StaffUser, change: Partial<Settings>): Promise<SettingKey[]> {
  const current = await loadSettings(db);
  const changed = (Object.keys(change) as SettingKey[]).filter(
    (key) => JSON.stringify(change[key]) !== JSON.stringify(current[key]),
  );
  await db.transaction().execute(async (trx) => {
    for (const key of changed) {
      await writeSetting(trx, key, change[key], user.id);
      await writeAudit(trx, {
        userId: user.id,
        action: 'settings.change',
        details: { key, label: SETTING_DEFINITIONS[key].label, from: current[key], to: change[key] },
      });
    }
  });
  return changed;
}
