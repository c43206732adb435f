import { incidentIdsOf, type HistoryItem } from '../model/incident';

export interface NotificationsLike {
  create(
    id: string,
    options: { type: 'basic'; iconUrl: string; title: string; message: string },
  ): Promise<string>;
}

/** Notification IDs carry the history ID, so a click can open that incident. */
export const NOTIFICATION_PREFIX = 'cftr-incident:';

export function historyIdOfNotification(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX)
    ? notificationId.slice(NOTIFICATION_PREFIX.length)
    : null;
}

/** Both IDs, so the analyst can close one in Respond. */
export function duplicateMessage(item: HistoryItem): string {
  const ids = incidentIdsOf(item);
  return `Respond has ${ids.length} incidents for “${item.title}”: ${ids.join(' and ')}. The network sent the request twice; close one of them in Respond.`;
}

export function createNotifier(notifications: NotificationsLike | undefined, iconUrl: string) {
  const show = async (item: HistoryItem, title: string, message: string) => {
    if (!notifications) return;
    try {
      await notifications.create(`${NOTIFICATION_PREFIX}${item.id}`, {
        type: 'basic',
        iconUrl,
        title,
        message: message.slice(0, 400),
      });
    } catch {
      // Notifications may be disabled by the user or the OS; the history still shows it.
    }
  };
  return {
    created: (item: HistoryItem) =>
      show(
        item,
        item.readableId ? `Incident ${item.readableId} created` : 'Incident created',
        item.title,
      ),
    failed: (item: HistoryItem) =>
      show(
        item,
        'Incident not created',
        `${item.title}: ${item.error?.message ?? 'Respond refused it.'} Retry it from the popup.`,
      ),
    /** Same ID as the "created" one, which it supersedes; a click still opens the incident. */
    duplicate: (item: HistoryItem) =>
      notifications
        ? notifications
            .create(`${NOTIFICATION_PREFIX}${item.id}`, {
              type: 'basic',
              iconUrl,
              title: 'Possible duplicate incident in Respond',
              message: duplicateMessage(item).slice(0, 400),
            })
            .then(
              () => undefined,
              () => undefined,
            )
        : Promise.resolve(),
  };
}

/** Notifications that skip incidents a review dialog is showing (see the rule above). */
export function reviewAwareNotifications(
  real: NotificationsLike | undefined,
  isShowing: (historyId: string) => Promise<boolean>,
): NotificationsLike | undefined {
  if (!real) return undefined;
  return {
    async create(id, options) {
      const historyId = historyIdOfNotification(id);
      if (historyId !== null && (await isShowing(historyId).catch(() => false))) return id;
      return real.create(id, options);
    },
  };
}
