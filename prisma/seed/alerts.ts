import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { TEXT_FIELDS, type IncidentType, type ReportText, type TimeOfDay, type Venue, type WorkMode } from '../../lib/alerts/labels.ts';
import { encryptDetails, fittingText, reportTokens } from '../../lib/alerts/stored.ts';
import { dateOnly, localDay, programNow } from '../../lib/calendar/index.ts';

// Demo bad date reports: a few published alerts (one old enough to have left the sheet but still
// found by search), reports waiting for review (one a possible repeat of a published plate), and
// one withdrawn. Everything is invented: plates and handles are made up and the phone numbers are
// in 555-0100..0199, the range kept for fiction. Without ENCRYPTION_KEY (a bare seed run) there are
// none, since their text cannot be stored unencrypted.

type Demo = {
  daysAgo: number;
  incidentDaysBefore: number;
  status: 'new' | 'reviewed' | 'published' | 'withdrawn';
  timeOfDay: TimeOfDay;
  mode: WorkMode;
  venue?: Venue;
  types: IncidentType[];
  text: Partial<ReportText>;
  private?: string[];
  withReporter?: boolean;
};

const DEMOS: Demo[] = [
  {
    daysAgo: 3,
    incidentDaysBefore: 1,
    status: 'published',
    timeOfDay: 'night',
    mode: 'street',
    types: ['robbery_theft', 'threats_harassment'],
    text: {
      area: 'Industrial area, near the rail yard',
      vehicleColour: 'Grey',
      vehicleMake: 'Ford',
      vehicleModel: 'pickup with a canopy',
      plate: 'AB K7 21',
      appearance: 'White man, about 50, tall, grey beard, ball cap',
      nameUsed: 'Dave',
      account: 'Drove out past the rail yard and took the money back.',
    },
    withReporter: true,
  },
  {
    daysAgo: 9,
    incidentDaysBefore: 2,
    status: 'published',
    timeOfDay: 'evening',
    mode: 'online_phone',
    types: ['refused_to_pay'],
    text: {
      area: 'Downtown',
      platform: 'Dating app',
      handle: '@quiet_guy_77',
      phone: '250-555-0142',
      appearance: 'Young man, short dark hair, glasses, very polite by text',
      account: 'Booked by text, left without paying.',
    },
  },
  {
    daysAgo: 20,
    incidentDaysBefore: 3,
    status: 'published',
    timeOfDay: 'afternoon',
    mode: 'indoor_outcall',
    venue: 'hotel_motel',
    types: ['condom_refusal', 'physical_assault'],
    text: {
      area: 'Motel strip on the highway',
      appearance: 'Heavy-set man, 40s, tattoo of a wolf on the left forearm',
      nameUsed: 'Rick',
      account: 'Removed the condom and grabbed my arm when I objected.',
    },
    private: ['nameUsed'],
  },
  {
    daysAgo: 120,
    incidentDaysBefore: 1,
    status: 'published',
    timeOfDay: 'night',
    mode: 'street',
    types: ['weapon', 'threats_harassment'],
    text: {
      area: 'North Shore',
      vehicleColour: 'Black',
      vehicleMake: 'Honda',
      vehicleModel: 'Civic',
      plate: 'LX 93 Q',
      appearance: 'Man in his 30s, shaved head, showed a knife',
      account: 'Showed a knife when asked for the money up front.',
    },
  },
  {
    daysAgo: 1,
    incidentDaysBefore: 0,
    status: 'new',
    timeOfDay: 'night',
    mode: 'street',
    types: ['refused_to_pay'],
    text: {
      area: 'Near the river path',
      vehicleColour: 'Grey',
      vehicleMake: 'Ford',
      plate: 'ab-k7-21',
      appearance: 'Older man, grey beard',
      account: 'Same grey truck as the alert; would not pay.',
    },
    withReporter: true,
  },
  {
    daysAgo: 2,
    incidentDaysBefore: 1,
    status: 'reviewed',
    timeOfDay: 'unknown',
    mode: 'online_phone',
    types: ['threats_harassment'],
    text: {
      platform: 'Classified site',
      phone: '(250) 555-0177',
      appearance: 'Says he is a contractor from out of town',
      account: 'Sent threatening texts after I said no.',
    },
  },
  {
    daysAgo: 30,
    incidentDaysBefore: 2,
    status: 'withdrawn',
    timeOfDay: 'morning',
    mode: 'other',
    types: ['other'],
    text: { area: 'Downtown', appearance: 'Not sure', account: 'The person asked us to take this down.' },
  },
];

const full = (text: Partial<ReportText>) => Object.fromEntries(TEXT_FIELDS.map((f) => [f, text[f] ?? null])) as ReportText;

export async function seedAlerts(db: PrismaClient, now = programNow()): Promise<void> {
  if (!process.env.ENCRYPTION_KEY) return;
  const takers = await db.staffUser.findMany({ where: { role: { in: ['coordinator', 'outreach'] } }, select: { id: true }, orderBy: { email: 'asc' } });
  const reporters = await db.participant.findMany({
    where: { deidentifiedAt: null, mergedIntoId: null },
    select: { id: true },
    orderBy: { code: 'asc' },
    take: 5,
  });
  for (const [i, d] of DEMOS.entries()) {
    const id = randomUUID();
    const at = new Date(now.getTime() - d.daysAgo * 86_400_000);
    const text = fittingText(d.mode, full(d.text));
    const privateFields = d.private ?? [];
    const published = d.status === 'published';
    await db.alertReport.create({
      data: {
        id,
        status: d.status,
        incidentDate: dateOnly(localDay(new Date(at.getTime() - d.incidentDaysBefore * 86_400_000))),
        timeOfDay: d.timeOfDay,
        mode: d.mode,
        venue: d.venue ?? null,
        types: d.types,
        detailsEnc: encryptDetails(id, text),
        privateFields,
        ...reportTokens(text, privateFields),
        reporterId: d.withReporter ? (reporters[i % Math.max(reporters.length, 1)]?.id ?? null) : null,
        wantsFollowUp: i % 2 === 0,
        receivedOn: dateOnly(localDay(at)),
        createdAt: at,
        createdById: takers[i % takers.length]!.id,
        reviewedAt: d.status === 'new' ? null : new Date(at.getTime() + 3_600_000),
        publishedAt: published ? new Date(at.getTime() + 7_200_000) : null,
        publishedOn: published ? dateOnly(localDay(new Date(at.getTime() + 7_200_000))) : null,
        closedAt: d.status === 'withdrawn' ? new Date(at.getTime() + 86_400_000) : null,
      },
      select: { id: true },
    });
  }
}
