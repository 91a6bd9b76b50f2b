import type { AlertStatus, IncidentType, PublicField, ReportText, TimeOfDay, Venue, WorkMode } from './labels.ts';

// Pure rules for bad date reports: the status machine, what an alert shows (the one redaction
// function that renders the publish preview, the sheet, search results and the Today panel), and
// what publishing needs. The migration's trigger holds the same machine in the database.

export const ACTIONS = ['review', 'publish', 'archive', 'withdraw'] as const;
export type ReportAction = (typeof ACTIONS)[number];

const MACHINE: Record<ReportAction, { from: readonly AlertStatus[]; to: AlertStatus }> = {
  review: { from: ['new'], to: 'reviewed' },
  publish: { from: ['reviewed'], to: 'published' },
  archive: { from: ['published'], to: 'archived' },
  withdraw: { from: ['new', 'reviewed', 'published'], to: 'withdrawn' },
};

/** The status an action leads to from `status`, or null when it is not possible. */
export function nextStatus(status: AlertStatus, action: ReportAction): AlertStatus | null {
  const step = MACHINE[action];
  return step.from.includes(status) ? step.to : null;
}

/** The actions open to a report in `status`, in the order the page offers them. */
export function actionsFor(status: AlertStatus): ReportAction[] {
  return ACTIONS.filter((a) => nextStatus(status, a) !== null);
}

export const TRANSITION_REFUSED: Record<ReportAction, string> = {
  review: 'Only a new report can be marked as reviewed. Reload the page to see where it is now.',
  publish: 'Only a reviewed report can be published. Reload the page to see where it is now.',
  archive: 'Only a published alert can be archived. Reload the page to see where it is now.',
  withdraw: 'This report is already closed. Reload the page to see where it is now.',
};

/** The stored parts of a report an alert is made from (the reporter is not among them). */
export type AlertSource = {
  id: string;
  incidentDate: string;
  timeOfDay: TimeOfDay;
  mode: WorkMode;
  venue: Venue | null;
  types: IncidentType[];
  privateFields: string[];
  publishedAt: Date | null;
  text: ReportText;
};

/** What an alert shows. Exactly these keys: the redaction tests check them one by one. */
export type AlertView = {
  id: string;
  incidentDate: string;
  timeOfDay: TimeOfDay;
  mode: WorkMode;
  venue: Venue | null;
  types: IncidentType[];
  publishedAt: string | null;
  shown: Partial<Record<PublicField, string>>;
};

export const ALERT_VIEW_KEYS = ['id', 'incidentDate', 'timeOfDay', 'mode', 'venue', 'types', 'publishedAt', 'shown'] as const;

const SHOWN_ORDER: PublicField[] = [
  'area',
  'appearance',
  'nameUsed',
  'vehicleMake',
  'vehicleModel',
  'vehicleColour',
  'plate',
  'platform',
  'handle',
  'phone',
  'email',
];

/**
 * The redaction: an allow-list. Only the shown fields that hold text and were not marked private
 * are copied; the account, the reporter and everything else about them never reach an alert.
 */
export function toAlertView(source: AlertSource): AlertView {
  const shown: Partial<Record<PublicField, string>> = {};
  for (const field of SHOWN_ORDER) {
    const value = source.text[field];
    if (value && !source.privateFields.includes(field)) shown[field] = value;
  }
  return {
    id: source.id,
    incidentDate: source.incidentDate,
    timeOfDay: source.timeOfDay,
    mode: source.mode,
    venue: source.venue,
    types: [...source.types],
    publishedAt: source.publishedAt ? source.publishedAt.toISOString() : null,
    shown,
  };
}

export const PUBLISH_NEEDS_DESCRIPTION = 'Add a description of the aggressor that may be shown (not marked private) before publishing.';

/** Why this report cannot be published as it stands, or null. */
export function publishProblem(view: AlertView): string | null {
  return view.shown.appearance ? null : PUBLISH_NEEDS_DESCRIPTION;
}

/** Whether a published alert is still on the sheet (older ones stay searchable). */
export function onSheet(publishedAt: Date, now: Date, days: number): boolean {
  return now.getTime() - publishedAt.getTime() <= days * 86_400_000;
}
