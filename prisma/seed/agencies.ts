import type { Prisma } from '../../lib/db/generated/client.ts';

// The Kamloops agencies named in the product's seed document (shared/seeds/000_…txt), with the
// public numbers that document gives. Where it gives none, the phone is left empty rather than
// guessed: staff add it from the agency's own site. Hours are left to staff for the same reason.
export const DEMO_AGENCIES: Prisma.AgencyCreateManyInput[] = [
  {
    name: 'Interior Health Sexual Health Clinic',
    categories: ['sexual_health', 'health'],
    phone: '250-851-7300',
    offers: 'Confidential STI testing, contraception, harm reduction supplies, connections to primary care.',
  },
  {
    name: 'ASK Wellness Society',
    categories: ['health', 'housing', 'sexual_health'],
    offers: 'Harm reduction and safer sex supplies, overdose prevention kits, housing assistance, peer outreach.',
    staffNotes: 'Ask for the outreach team when walking someone over.',
  },
  {
    name: 'Kamloops Aboriginal Friendship Society',
    categories: ['culturally_safe', 'health'],
    offers: 'Culturally safe health resources and support for Indigenous people.',
  },
  { name: 'Crossroads Inhalation Site', categories: ['health'], offers: 'Supervised consumption services.' },
  { name: 'Interior Health Mobile Medical Unit', categories: ['health'], offers: 'Health outreach, sometimes on the street.' },
  {
    name: 'BC Crisis Centre',
    categories: ['crisis_lines', 'mental_health'],
    phone: '1-800-784-2433',
    offers: 'Crisis line, 24 hours.',
  },
  {
    name: 'Kamloops RCMP Vulnerable Persons Unit',
    categories: ['crisis_lines'],
    phone: '250-828-3000',
    offers: 'Non-emergency reports of violence or exploitation. In an emergency, 911.',
    staffNotes: 'Police: only when the person chooses to report. Offer an advocate to go with them.',
  },
  { name: 'Elizabeth Fry Society', categories: ['legal_advocacy'], offers: 'Legal advocacy and court support.' },
  { name: 'Kiwanis House Women’s Shelter', categories: ['shelters'], offers: 'Emergency refuge.' },
  { name: 'Y Women’s Emergency Shelter', categories: ['shelters', 'housing'], offers: 'Emergency shelter and housing help.' },
  {
    name: 'CMHA Kamloops',
    categories: ['mental_health', 'transitioning_support'],
    phone: '250-374-0440',
    offers: 'Counselling, including support for a career change.',
  },
  { name: 'WorkBC Centre Kamloops', categories: ['employment_training', 'transitioning_support'], offers: 'Skills training and job search help.' },
  {
    name: 'Kamloops Immigrant Services Society',
    categories: ['culturally_safe', 'employment_training'],
    offers: 'Settlement support for newcomers.',
  },
  {
    name: 'Sexual Exploitation Intervention Initiative',
    categories: ['transitioning_support'],
    offers: 'Provincial funding for education and training costs.',
  },
  {
    name: 'Kamloops Sex Workers Action Network',
    categories: ['legal_advocacy'],
    offers: 'Confidential peer meetings and rights advocacy.',
  },
  {
    name: 'BC Human Trafficking Hotline',
    categories: ['crisis_lines'],
    phone: '1-844-878-0971',
    offers: 'Confidential hotline for concerns about trafficking.',
  },
];
