// Words for the alert enums and text fields, shared by forms, pages, the sheet and the seed.
// "Bad date" and "aggressor alert" are the community's words (PRODUCT.md principle 6).

export const STATUSES = ['new', 'reviewed', 'published', 'archived', 'withdrawn'] as const;
export type AlertStatus = (typeof STATUSES)[number];
export const TIMES = ['morning', 'afternoon', 'evening', 'night', 'unknown'] as const;
export type TimeOfDay = (typeof TIMES)[number];
export const MODES = ['street', 'indoor_outcall', 'online_phone', 'other'] as const;
export type WorkMode = (typeof MODES)[number];
export const VENUES = ['incall', 'outcall_home', 'hotel_motel', 'vehicle', 'other'] as const;
export type Venue = (typeof VENUES)[number];
export const TYPES = [
  'refused_to_pay',
  'robbery_theft',
  'physical_assault',
  'sexual_assault',
  'condom_refusal',
  'threats_harassment',
  'weapon',
  'drugging',
  'other',
] as const;
export type IncidentType = (typeof TYPES)[number];

export const STATUS_LABELS: Record<AlertStatus, string> = {
  new: 'New',
  reviewed: 'Reviewed',
  published: 'Published',
  archived: 'Archived',
  withdrawn: 'Withdrawn',
};
export const TIME_LABELS: Record<TimeOfDay, string> = {
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
  night: 'Night',
  unknown: 'Time not known',
};
export const MODE_LABELS: Record<WorkMode, string> = {
  street: 'Street',
  indoor_outcall: 'Indoor or outcall',
  online_phone: 'Online or phone',
  other: 'Other',
};
export const VENUE_LABELS: Record<Venue, string> = {
  incall: 'Incall',
  outcall_home: 'Outcall to a home',
  hotel_motel: 'Hotel or motel',
  vehicle: 'In a vehicle',
  other: 'Other place',
};
export const TYPE_LABELS: Record<IncidentType, string> = {
  refused_to_pay: 'Refused to pay',
  robbery_theft: 'Robbery or theft',
  physical_assault: 'Physical assault',
  sexual_assault: 'Sexual assault',
  condom_refusal: 'Condom refusal or removal',
  threats_harassment: 'Threats or harassment',
  weapon: 'Weapon',
  drugging: 'Drugging',
  other: 'Other',
};

/** The report's text fields, all kept in one encrypted value. */
export const TEXT_FIELDS = [
  'area',
  'vehicleMake',
  'vehicleModel',
  'vehicleColour',
  'plate',
  'platform',
  'handle',
  'phone',
  'email',
  'appearance',
  'nameUsed',
  'account',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type ReportText = Record<TextField, string | null>;

/** Fields staff may keep off the alert. The account is never on it, so it is not a choice. */
export const PRIVATE_CHOICES = TEXT_FIELDS.filter((f) => f !== 'account') as Exclude<TextField, 'account'>[];
export type PublicField = (typeof PRIVATE_CHOICES)[number];

export const FIELD_LABELS: Record<TextField, string> = {
  area: 'General area',
  vehicleMake: 'Vehicle make',
  vehicleModel: 'Vehicle model',
  vehicleColour: 'Vehicle colour',
  plate: 'Plate (part is fine)',
  platform: 'Platform or site',
  handle: 'Handle or username',
  phone: 'Phone number',
  email: 'Email',
  appearance: 'Description of the aggressor',
  nameUsed: 'Name they used',
  account: 'What happened, in their words',
};

/** Which text fields fit how the person was working; the form shows these and the server keeps only these. */
export const MODE_FIELDS: Record<WorkMode, readonly TextField[]> = {
  street: ['vehicleMake', 'vehicleModel', 'vehicleColour', 'plate'],
  indoor_outcall: [],
  online_phone: ['platform', 'handle', 'phone', 'email'],
  other: ['vehicleMake', 'vehicleModel', 'vehicleColour', 'plate', 'platform', 'handle', 'phone', 'email'],
};
export const COMMON_FIELDS: readonly TextField[] = ['area', 'appearance', 'nameUsed', 'account'];
