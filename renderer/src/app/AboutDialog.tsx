import { useEffect, useState } from 'react';

import type { AppInfo } from '../../../shared/api';
import type { RegionInfo } from '../../../shared/geo/regions';
import { desk, transport } from '../platform/desk-client';
import { Dialog } from './Dialog';
import { useFeedback } from './feedback';
import { useI18n } from './i18n/i18n';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [regions, setRegions] = useState<RegionInfo | null>(null);

  useEffect(() => {
    let live = true;
    desk['app.info']({}).then(
      (value) => live && setInfo(value),
      (err: unknown) => live && showError(err, 'safe.nothingChanged'),
    );
    desk['regions.info']({}).then(
      (value) => live && setRegions(value),
      (err: unknown) => live && showError(err, 'safe.nothingChanged'),
    );
    return () => {
      live = false;
    };
  }, [showError]);

  const shownTransport = info?.transport ?? transport;
  return (
    <Dialog
      title={t('about.title')}
      onClose={onClose}
      testId="about-dialog"
      footer={
        <button type="button" className="primary" onClick={onClose} data-testid="about-close" autoFocus>
          {t('about.close')}
        </button>
      }
    >
      <dl className="about-list">
        <dt>{t('about.version')}</dt>
        <dd data-testid="about-version">{info ? `${info.name} ${info.version}` : t('about.loading')}</dd>
        <dt>{t('about.dataDir')}</dt>
        <dd data-testid="about-data-dir" className="mono">
          {info?.dataDir ?? '…'}
        </dd>
        <dt>{t('about.transport')}</dt>
        <dd data-testid="about-transport">{t(`about.transport.${shownTransport}`)}</dd>
        <dt>{t('about.storyCount')}</dt>
        <dd>{info?.storyCount ?? '…'}</dd>
        <dt>{t('about.pid')}</dt>
        <dd className="mono">{info?.pid ?? '…'}</dd>
        <dt>{t('about.regionData')}</dt>
        <dd data-testid="about-region-data">
          {regions
            ? t('about.regionDataValue', {
                source: regions.source,
                date: regions.dataDate,
                count: regions.count,
              })
            : '…'}
        </dd>
      </dl>
    </Dialog>
  );
}
