import type { ComponentChildren } from 'preact';

type Props = {
  /** The area's id: the root gets `data-testid="area-<id>"`. */
  id: string;
  /** The `<h1>` text. */
  title: string;
  children?: ComponentChildren;
};

/** The root of one navigation area: a labelled region with its `<h1>`. */
export function AreaPage({ id, title, children }: Props) {
  const headingId = `area-${id}-title`;
  return (
    <section class="area" data-testid={`area-${id}`} aria-labelledby={headingId}>
      <h1 id={headingId} class="area-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
