import type { Design, DesignLayout } from '../../../../../shared/design';

export type DiagramTheme = 'light' | 'dark';

/** The whole diagram (not the visible area) as a standalone SVG document. Helper "designer-tools" builds it. */
export function diagramSvg(_design: Design, _layout: DesignLayout, _theme: DiagramTheme): string {
  throw new Error('SVG export is not built yet.');
}

/** The whole diagram as a PNG image. */
export function diagramPng(_design: Design, _layout: DesignLayout, _theme: DiagramTheme): Promise<Blob> {
  return Promise.reject(new Error('PNG export is not built yet.'));
}
