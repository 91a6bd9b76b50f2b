import type { AlertView } from '@/lib/alerts/rules.ts';
import './alerts.css';
import { MODE_LABELS, STATUS_LABELS, TIME_LABELS, TYPE_LABELS, VENUE_LABELS, type AlertStatus } from '@/lib/alerts/labels.ts';

// One alert as the sheet, the search results, the publish preview and the Today panel show it.
// Everything comes from `toAlertView` (the redaction); text is rendered as text by React, so
// anything typed into a report (markup, script) shows as the characters typed.

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');

export function AlertCard({ alert, status, headingLevel = 3 }: { alert: AlertView; status?: AlertStatus | null; headingLevel?: 2 | 3 }) {
  const s = alert.shown;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const vehicle = join(s.vehicleColour, s.vehicleMake, s.vehicleModel);
  const what = alert.types.map((t) => TYPE_LABELS[t]).join(', ');
  return (
    <article className="card alert-card" aria-labelledby={`alert-${alert.id}`}>
      <H id={`alert-${alert.id}`} className="alert-title">
        {what}{' '}
        <span className="alert-when">
          · {alert.incidentDate}, {TIME_LABELS[alert.timeOfDay].toLowerCase()}
        </span>
      </H>
      {status && (
        <p>
          <span className="badge">{status === 'new' ? 'Not yet reviewed' : STATUS_LABELS[status]}</span>
        </p>
      )}
      <dl className="alert-facts">
        {s.area && (
          <>
            <dt>Area</dt>
            <dd>{s.area}</dd>
          </>
        )}
        <dt>Working</dt>
        <dd>
          {MODE_LABELS[alert.mode]}
          {alert.venue ? ` · ${VENUE_LABELS[alert.venue]}` : ''}
        </dd>
        {s.appearance && (
          <>
            <dt>Description</dt>
            <dd className="alert-text">{s.appearance}</dd>
          </>
        )}
        {s.nameUsed && (
          <>
            <dt>Name used</dt>
            <dd>{s.nameUsed}</dd>
          </>
        )}
        {vehicle && (
          <>
            <dt>Vehicle</dt>
            <dd>{vehicle}</dd>
          </>
        )}
        {s.plate && (
          <>
            <dt>Plate</dt>
            <dd className="alert-plate">{s.plate}</dd>
          </>
        )}
        {s.platform && (
          <>
            <dt>Platform</dt>
            <dd>{s.platform}</dd>
          </>
        )}
        {s.handle && (
          <>
            <dt>Handle</dt>
            <dd>{s.handle}</dd>
          </>
        )}
        {s.phone && (
          <>
            <dt>Phone</dt>
            <dd>{s.phone}</dd>
          </>
        )}
        {s.email && (
          <>
            <dt>Email</dt>
            <dd>{s.email}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
