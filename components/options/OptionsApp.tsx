import type { ReactNode } from 'react';
import type { PermissionsLike } from '../../utils/options/host-access';
import { ActionLabelSection } from './ActionLabelSection';
import { ConnectionCard } from './ConnectionCard';
import { downloadText } from './download';
import { ExtractionSection } from './ExtractionSection';
import { ImportExport } from './ImportExport';
import { LockBanner, LockSection } from './LockSection';
import { MappingEditor } from './MappingEditor';
import { OverlaySection } from './OverlaySection';
import { RoutesSection } from './RoutesSection';
import { SaveBar } from './SaveBar';
import { StatusBanner } from './StatusBanner';
import { TemplateEditor } from './TemplateEditor';
import { useOptionsPage } from './use-options-page';

export interface OptionsAppProps {
  permissions: PermissionsLike;
  download?: (fileName: string, text: string) => void;
  now?: () => number;
}

function Section(props: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="page-section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.intro !== undefined ? <p className="section-intro">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}

const TOC = [
  ['connections', 'Connections'],
  ['lock', 'Secret lock'],
  ['mapping', 'Field mapping'],
  ['template', 'Incident template'],
  ['label', 'Action label'],
  ['extraction', 'Extraction'],
  ['advanced', 'Page routes'],
  ['import-export', 'Import and export'],
] as const;

/** The options page: every setting, talking to the background only through the messenger. */
export function OptionsApp(props: OptionsAppProps) {
  const now = props.now ?? Date.now;
  const page = useOptionsPage(props.permissions);
  const { form, view, errors } = page;

  return (
    <>
      <header className="page-header">
        <h1>CFTR Incident Bridge settings</h1>
        <StatusBanner now={now} />
        <LockBanner />
        <nav aria-label="Sections">
          <ul className="toc">
            {TOC.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {page.loadError !== null ? (
          <p className="tone-error" role="alert">
            The settings could not be loaded: {page.loadError}
          </p>
        ) : null}
        {form === null || view === null ? (
          page.loadError === null ? (
            <p className="hint">Loading the settings…</p>
          ) : null
        ) : (
          <>
            <Section
              id="connections"
              title="Connections"
              intro="The API keys of Intel Exchange and Respond. Saving asks the browser for access to exactly these two sites."
            >
              <div className="cards">
                {(['ctix', 'cftr'] as const).map((product) => (
                  <ConnectionCard
                    key={product}
                    product={product}
                    form={form}
                    view={view}
                    errors={errors}
                    generation={page.generation}
                    dirty={page.changed.includes(product)}
                    permissions={props.permissions}
                    update={page.update}
                    save={page.save}
                    {...(product === 'ctix'
                      ? { onTested: (ok: boolean) => ok && page.reloadTypes() }
                      : {})}
                  />
                ))}
              </div>
            </Section>
            <Section id="lock" title="Secret lock">
              <LockSection onSecretsDeleted={page.replaceView} />
            </Section>
            <Section
              id="mapping"
              title="Field mapping"
              intro="Which Respond threat-intel field each Intel Exchange type fills. IOCs of unmapped types are not connected to the incident; the review dialog says so."
            >
              <MappingEditor
                form={form}
                errors={errors}
                locked={view.locked}
                iocTypes={page.iocTypes}
                update={page.update}
              />
            </Section>
            <Section
              id="template"
              title="Incident template"
              intro="The request that creates a Respond incident. Adjust it to your tenant's fields; the preview shows exactly what is sent."
            >
              <TemplateEditor
                form={form}
                errors={errors}
                locked={view.locked}
                uiUrl={view.settings.cftr.uiUrl}
                revision={page.generation}
                update={page.update}
              />
            </Section>
            <Section id="label" title="Action label">
              <ActionLabelSection
                form={form}
                errors={errors}
                locked={view.locked}
                update={page.update}
              />
            </Section>
            <Section
              id="extraction"
              title="Extraction"
              intro="What is taken from web pages (selection, link or whole page)."
            >
              <ExtractionSection
                form={form}
                errors={errors}
                locked={view.locked}
                update={page.update}
              />
            </Section>
            <Section id="overlay" title="Intel Exchange pages">
              <OverlaySection
                form={form}
                errors={errors}
                locked={view.locked}
                update={page.update}
              />
            </Section>
            <section className="page-section" id="advanced" aria-label="Page routes">
              <RoutesSection
                form={form}
                errors={errors}
                locked={view.locked}
                ctixBase={view.settings.ctix.baseUrl}
                update={page.update}
              />
            </section>
            <Section id="import-export" title="Import and export">
              <ImportExport
                dirty={page.changed.length > 0}
                permissions={props.permissions}
                download={props.download ?? downloadText}
                now={now}
                onImported={page.replaceView}
              />
            </Section>
          </>
        )}
      </main>
      {form !== null && view !== null ? (
        <SaveBar
          changed={page.changed}
          saving={page.saving}
          notice={page.notice}
          onSave={() => void page.save()}
          onDiscard={page.discard}
        />
      ) : null}
    </>
  );
}
