import { SelectField } from '@/components/staff/select-field.tsx';
import { Field } from '@/components/ui/field.tsx';
import { answerOptions, GENDER_LABELS, GENDERS, INDIGENOUS_IDENTITIES, INDIGENOUS_LABELS, TRAVELLING_LABELS } from '@/lib/participants/labels.ts';
import { TEXT_MAX } from '@/lib/participants/schema.ts';
import { birthYearBounds } from '@/lib/participants/rules.ts';
import { DeclinableText } from './answer-fields.tsx';

const GENDER_OPTIONS = answerOptions(GENDER_LABELS, GENDERS);
const INDIGENOUS_OPTIONS = answerOptions(INDIGENOUS_LABELS, INDIGENOUS_IDENTITIES);
const TRAVELLING_OPTIONS = answerOptions(TRAVELLING_LABELS, ['yes', 'no'] as const);

type Props = { values: Record<string, string>; errors: Record<string, string> };

/** The optional questions. Each may be left as "not asked" or answered "prefers not to answer". */
export function OptionalAnswers({ values, errors }: Props) {
  const { min, max } = birthYearBounds();
  return (
    <fieldset className="card">
      <legend>About them (optional)</legend>
      <p className="muted">Ask only what they are comfortable sharing. Leave a question empty if you did not ask it.</p>
      <DeclinableText
        label="Year of birth"
        name="birthYear"
        hint={`Shown only as an age range. A year from ${min} to ${max}.`}
        values={values}
        errors={errors}
        maxLength={4}
        inputMode="numeric"
      />
      <SelectField label="Gender identity" name="gender" options={GENDER_OPTIONS} defaultValue={values.gender ?? ''} error={errors.gender} />
      <Field
        label="Gender in their own words"
        name="genderSelfDescribed"
        hint="Only with “In their own words” above."
        defaultValue={values.genderSelfDescribed ?? ''}
        error={errors.genderSelfDescribed}
        maxLength={TEXT_MAX.genderSelfDescribed}
        autoComplete="off"
      />
      <SelectField
        label="Indigenous identity"
        name="indigenousIdentity"
        options={INDIGENOUS_OPTIONS}
        defaultValue={values.indigenousIdentity ?? ''}
        error={errors.indigenousIdentity}
      />
      <DeclinableText label="Pronouns" name="pronouns" values={values} errors={errors} maxLength={TEXT_MAX.pronouns} />
      <DeclinableText label="Preferred language" name="language" values={values} errors={errors} maxLength={TEXT_MAX.language} />
      <DeclinableText label="Home community" name="homeCommunity" values={values} errors={errors} maxLength={TEXT_MAX.homeCommunity} />
      <SelectField label="Travelling worker" name="travelling" options={TRAVELLING_OPTIONS} defaultValue={values.travelling ?? ''} error={errors.travelling} />
    </fieldset>
  );
}
