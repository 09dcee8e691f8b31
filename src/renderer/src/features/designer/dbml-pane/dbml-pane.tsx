import type { JSX } from 'react';
import type { Design } from '../../../../../shared/design';

export interface DbmlPaneProps {
  design: Design;
  /** A DBML edit that parses: the design it describes (the canvas then shows it, as one undoable edit). */
  onDesign(design: Design): void;
}

/** The DBML text of the design, kept in sync both ways. Helper "designer-tools" builds it. */
export function DbmlPane(_props: DbmlPaneProps): JSX.Element {
  return <div className="dbml-pane">The DBML pane is not built yet.</div>;
}
