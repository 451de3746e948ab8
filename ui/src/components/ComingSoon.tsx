import { t } from '../i18n';

type Props = {
  /** What the area will do and that it comes later (already translated). */
  description: string;
};

/** An honest placeholder for an area that a later release fills: no made-up data. */
export function ComingSoon({ description }: Props) {
  return (
    <div class="coming-soon" data-testid="coming-soon">
      <p class="coming-soon-lead">{description}</p>
      <p class="muted">{t('area.coming_later')}</p>
    </div>
  );
}
